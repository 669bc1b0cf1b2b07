package dev.orderflow.inventory;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error of this service's HTTP API as RFC 9457 problem details with the trace id: bad input says which field is
 * wrong and why (never echoing the value), and an unexpected failure is a bare 500 without a stack trace.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    private final ObjectProvider<Tracer> tracer;

    ApiProblems(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getBindingResult().getAllErrors().forEach(error -> errors.add(error(error)));
        return invalid(ex, errors, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getParameterValidationResults()
                .forEach(result -> result.getResolvableErrors()
                        .forEach(error -> errors.add(
                                error instanceof FieldError
                                        ? error(error)
                                        : Map.of(
                                                "field",
                                                String.valueOf(result.getMethodParameter()
                                                        .getParameterName()),
                                                "message",
                                                String.valueOf(error.getDefaultMessage())))));
        return invalid(ex, errors, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, unreadableBody(ex));
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        log.error("Request failed unexpectedly", ex);
        HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "The request could not be processed.");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), status, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        Tracer t = tracer.getIfUnique();
        Span span = t == null ? null : t.currentSpan();
        if (body instanceof ProblemDetail problem && span != null) {
            problem.setProperty("traceId", span.context().traceId());
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private ResponseEntity<Object> invalid(
            Exception ex,
            List<Map<String, String>> errors,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        String detail = errors.stream()
                .map(e -> e.get("field") + " " + e.get("message"))
                .sorted()
                .collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    private static Map<String, String> error(MessageSourceResolvable error) {
        String field = error instanceof FieldError fieldError ? fieldError.getField() : "body";
        return Map.of("field", field, "message", String.valueOf(error.getDefaultMessage()));
    }

    /** Says what is wrong with the body without Jackson's message, which names Java classes. */
    private static String unreadableBody(HttpMessageNotReadableException ex) {
        for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
            if (t instanceof UnrecognizedPropertyException unknown) {
                String accepted = unknown.getKnownPropertyIds().stream()
                        .map(String::valueOf)
                        .sorted()
                        .collect(Collectors.joining(", "));
                return "unknown field '" + unknown.getPropertyName() + "' (accepted fields: " + accepted + ")";
            }
            if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                return "field '" + fieldPath(jackson) + "' has a value of the wrong type or format";
            }
        }
        return ex.getCause() == null ? "request body is missing" : "request body is not valid JSON";
    }

    private static String fieldPath(JacksonException ex) {
        return ex.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
