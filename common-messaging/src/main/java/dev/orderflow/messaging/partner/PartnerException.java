package dev.orderflow.messaging.partner;

/**
 * A partner answered, but not with something we can use (a 4xx, an unexpected status or an invalid body). Unlike
 * {@link dev.orderflow.messaging.TransientFailure} this will not pass by waiting alone; the call is retried anyway, and
 * logged as an error.
 */
public class PartnerException extends RuntimeException {

    public PartnerException(String message) {
        super(message);
    }

    public PartnerException(String message, Throwable cause) {
        super(message, cause);
    }
}
