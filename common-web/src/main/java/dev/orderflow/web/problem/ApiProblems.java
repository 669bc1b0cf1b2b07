package dev.orderflow.web.problem;

import dev.orderflow.web.text.InvalidTextException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponseException;
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
 * Every error of a service's API as RFC 9457 problem details that say what is wrong, without stack traces or the
 * values sent (they may be personal data); {@link ProblemEnrichment} adds {@code instance} and {@code traceId}.
 * Spring MVC's own errors (404, 405, 415, ...) come from the base class, and so does every {@link
 * ErrorResponseException}: that is how a service answers its own errors (status, title, detail, headers), so this
 * class knows no service.
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    /** One invalid field or parameter. */
    record InvalidField(String field, String message) {}

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(ex, ex.getBindingResult().getAllErrors().stream().map(ApiProblems::field), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Stream<InvalidField> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> error instanceof FieldError
                                ? field(error)
                                : new InvalidField(
                                        String.valueOf(
                                                result.getMethodParameter().getParameterName()),
                                        String.valueOf(error.getDefaultMessage()))));
        return invalid(ex, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Unreadable request body", UnreadableBody.detail(ex));
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
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid parameter", name + " must be " + expected);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
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
                        "The service's database is unavailable; retry later"));
    }

    @ExceptionHandler
    ProblemDetail unexpected(Exception ex) {
        log.error("Request failed", ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The request failed; it has been logged");
    }

    private static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private ResponseEntity<Object> invalid(
            Exception ex, Stream<InvalidField> fields, HttpHeaders headers, WebRequest request) {
        List<InvalidField> errors = fields.sorted(
                        Comparator.comparing(InvalidField::field).thenComparing(InvalidField::message))
                .toList();
        String detail = errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A field by its path ({@code items[0].quantity}); an error of the whole body as {@code body}. */
    private static InvalidField field(MessageSourceResolvable error) {
        if (error instanceof FieldError fieldError) {
            String message =
                    fieldError.isBindingFailure() ? "has the wrong type" : String.valueOf(error.getDefaultMessage());
            return new InvalidField(fieldError.getField(), message);
        }
        return new InvalidField("body", String.valueOf(error.getDefaultMessage()));
    }

    /** What is wrong with a body Jackson could not read, by JSON path, without echoing its values. */
    private static final class UnreadableBody {

        static String detail(HttpMessageNotReadableException ex) {
            Throwable cause = ex.getCause();
            while (cause != null && !(cause instanceof JacksonException)) {
                cause = cause.getCause();
            }
            return switch (cause) {
                case UnrecognizedPropertyException e ->
                    "Unknown property '" + path(e) + "': clients set only the documented fields";
                case InvalidTextException e ->
                    (path(e).isEmpty() ? "The body" : path(e)) + " contains " + e.refused()
                            + ", which no text field takes";
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
}
