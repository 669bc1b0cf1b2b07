package dev.orderflow.order.web;

import java.time.Duration;

/** A request shed under load: answered 429 with {@code Retry-After} (whole seconds, at least 1). */
final class TooManyRequestsException extends RuntimeException {

    private final Duration retryAfter;

    TooManyRequestsException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** Seconds to wait, rounded up. */
    long retryAfterSeconds() {
        long millis = retryAfter.toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
