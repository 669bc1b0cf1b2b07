package dev.orderflow.sandbox;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The partners' refusals, as problem details. */
public final class Problems {

    private static final int MAX_KEY_LENGTH = 255;

    private Problems() {}

    public static ErrorResponseException badRequest(String detail) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
    }

    public static ErrorResponseException notFound(String detail) {
        return problem(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    public static ErrorResponseException conflict(String detail) {
        return problem(HttpStatus.CONFLICT, "Conflict", detail);
    }

    /** The same idempotency key with a different request: a client bug, never replayed. */
    public static ErrorResponseException keyReused(String detail) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused with a different request", detail);
    }

    /** The key must name the resource it creates, so a retry can never create a second one. */
    public static void requireKeyMatches(String idempotencyKey, Object resourceId, String field) {
        if (!resourceId.toString().equals(idempotencyKey)) {
            throw badRequest("Idempotency-Key must equal " + field);
        }
    }

    /** A key for a call whose resource already exists (a refund, a cancellation): any non-blank value of the caller's. */
    public static void requireKey(String idempotencyKey) {
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH) {
            throw badRequest("Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }
}
