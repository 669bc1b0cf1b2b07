package dev.orderflow.web.problem;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Adds the request path ({@code instance}) and the active trace's id ({@code traceId}, when the service traces) to
 * every RFC 9457 problem a service answers, its own and those of shared controllers, so an operator goes from an error
 * report straight to its trace. Registered in every servlet service by {@link ApiProblemsAutoConfiguration}.
 */
@RestControllerAdvice
public class ProblemEnrichment implements ResponseBodyAdvice<Object> {

    private final ObjectProvider<Tracer> tracer;

    public ProblemEnrichment(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public @Nullable Object beforeBodyWrite(
            @Nullable Object body,
            MethodParameter returnType,
            MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            enrich(problem, request.getURI().getRawPath());
        }
        return body;
    }

    /**
     * Adds the request path and the trace id to a problem; also for answers written outside Spring MVC (the security
     * filters').
     */
    public void enrich(ProblemDetail problem, String path) {
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(path));
        }
        String traceId = currentTraceId();
        if (traceId != null) {
            problem.setProperty("traceId", traceId);
        }
    }

    private @Nullable String currentTraceId() {
        Tracer t = tracer.getIfUnique();
        if (t == null) {
            return null;
        }
        TraceContext context = t.currentTraceContext().context();
        return context == null ? null : context.traceId();
    }
}
