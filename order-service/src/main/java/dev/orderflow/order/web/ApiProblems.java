package dev.orderflow.order.web;

import dev.orderflow.order.OrderNotCancellableException;
import dev.orderflow.order.OrderNotFoundException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
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
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error as RFC 9457 problem details that say what is wrong, without stack traces or the values sent (they may be
 * personal data). Spring MVC's own errors (404, 405, 415, ...) come from the base class; {@code traceId} and
 * {@code instance} are added by {@link dev.orderflow.web.problem.ProblemEnrichment}.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    /** One invalid field or parameter. */
    record InvalidField(String field, String message) {}

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = Stream.concat(
                        ex.getBindingResult().getFieldErrors().stream()
                                .map(e -> new InvalidField(e.getField(), message(e))),
                        ex.getBindingResult().getGlobalErrors().stream()
                                .map(e -> new InvalidField(e.getObjectName(), String.valueOf(e.getDefaultMessage()))))
                .sorted(Comparator.comparing(InvalidField::field).thenComparing(InvalidField::message))
                .toList();
        return invalid(ex, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new InvalidField(
                                String.valueOf(result.getMethodParameter().getParameterName()),
                                String.valueOf(error.getDefaultMessage()))))
                .sorted(Comparator.comparing(InvalidField::field))
                .toList();
        return invalid(ex, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadable(ex));
        problem.setTitle("Unreadable request body");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        Class<?> type = ex.getRequiredType();
        String expected;
        if (type == UUID.class) {
            expected = "a UUID";
        } else if (type != null && type.isEnum()) {
            expected = "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(String::valueOf)
                            .collect(Collectors.joining(", "));
        } else {
            expected = type == null ? "well-formed" : "a valid " + type.getSimpleName();
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, name + " must be " + expected);
        problem.setTitle("Invalid parameter");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler
    ProblemDetail orderNotFound(OrderNotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, "Order not found", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail foreignCustomer(CustomerAccess.ForeignCustomerException ex) {
        return problem(HttpStatus.FORBIDDEN, "Not this customer's", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail customerRequired(CustomerAccess.CustomerRequiredException ex) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail orderNotCancellable(OrderNotCancellableException ex) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Order can no longer be cancelled", ex.getMessage());
        problem.setProperty("orderStatus", ex.status().name());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail invalidIdempotencyKey(IdempotentPlacement.InvalidKeyException ex) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid Idempotency-Key", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail idempotencyKeyReused(IdempotencyKeys.KeyReusedException ex) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused", ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> idempotencyKeyInProgress(IdempotencyKeys.KeyInProgressException ex) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.CONFLICT, "Request in progress", ex.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> shed(TooManyRequestsException ex) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", ex.getMessage()));
    }

    @ExceptionHandler
    ProblemDetail bodyTooLarge(RequestBodyLimit.TooLargeException ex) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large", ex.getMessage());
    }

    /** The database is unreachable or overloaded: worth retrying, so say when. */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException ex) {
        log.warn("Request failed on the database: {}", ex.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "Service unavailable",
                        "The order store is unavailable; retry later"));
    }

    @ExceptionHandler
    ProblemDetail unexpected(Exception ex) {
        log.error("Request failed", ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The request failed; it has been logged");
    }

    private ResponseEntity<Object> invalid(
            Exception ex, List<InvalidField> errors, HttpHeaders headers, WebRequest request) {
        String detail = errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private static String message(FieldError error) {
        return error.isBindingFailure() ? "has the wrong type" : String.valueOf(error.getDefaultMessage());
    }

    /** What is wrong with a body Jackson could not read, by JSON path, without echoing its values. */
    private static String unreadable(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        while (cause != null && !(cause instanceof JacksonException)) {
            cause = cause.getCause();
        }
        return switch (cause) {
            case UnrecognizedPropertyException e ->
                "Unknown property '" + path(e) + "': clients set only the documented fields (never prices or status)";
            case MismatchedInputException e ->
                path(e).isEmpty() ? "The body must be a JSON object" : path(e) + " has the wrong type";
            case StreamConstraintsException e ->
                "The body is beyond this API's limits (JSON nesting depth, string or number length)";
            case StreamReadException e -> "Malformed JSON: " + e.getOriginalMessage();
            case JacksonException e -> "The body cannot be read" + at(e);
            case null ->
                ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")
                        ? "The request body is missing"
                        : "The request body cannot be read";
            default -> "The request body cannot be read";
        };
    }

    private static String at(JacksonException e) {
        String path = path(e);
        return path.isEmpty() ? "" : " at " + path;
    }

    /** A JSON path such as {@code items[0].quantity}. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
