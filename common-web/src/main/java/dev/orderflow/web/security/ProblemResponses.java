package dev.orderflow.web.security;

import dev.orderflow.web.problem.ProblemEnrichment;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers of the security filters as RFC 9457 problem details, like every other error of the API: 401 with a
 * {@code WWW-Authenticate: Bearer} challenge (RFC 6750) when the token is missing or invalid, 403 when it lacks the
 * scope. They say what the client must fix and nothing of why a signature or claim failed, which would help a forger.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JacksonJsonHttpMessageConverter json;
    private final ProblemEnrichment enrichment;

    /** Written with Spring's own JSON converter, which renders a problem as MVC does (RFC 9457 members at the top). */
    ProblemResponses(JsonMapper json, ProblemEnrichment enrichment) {
        this.json = new JacksonJsonHttpMessageConverter(json.rebuild());
        this.enrichment = enrichment;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        boolean tokenPresented = exception instanceof InvalidBearerTokenException
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(
                request,
                response,
                HttpStatus.UNAUTHORIZED,
                tokenPresented
                        ? "The bearer token is not valid for this API"
                        : "This API needs a bearer token (Authorization: Bearer <token>)");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        write(request, response, HttpStatus.FORBIDDEN, "The token's scopes do not allow this request");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        enrichment.enrich(problem, request.getRequestURI());
        response.setStatus(status.value());
        json.write(problem, MediaType.APPLICATION_PROBLEM_JSON, new ServletServerHttpResponse(response));
    }
}
