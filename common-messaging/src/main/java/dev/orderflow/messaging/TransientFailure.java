package dev.orderflow.messaging;

/**
 * A failure that will pass (a partner or resource is unavailable): the event is retried with capped exponential backoff
 * and never dead-lettered. Throw it, or a subclass, from a handler when waiting is the right answer.
 */
public class TransientFailure extends RuntimeException {

    public TransientFailure(String message) {
        super(message);
    }

    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
