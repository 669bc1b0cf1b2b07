package dev.orderflow.messaging.partner;

/**
 * A partner answered, but not with something we can use: a refusal (a 4xx other than 429), an unexpected status or an
 * answer that breaks the contract. Unlike {@link PartnerUnavailable} this will not pass by waiting alone; the call is
 * retried anyway, and logged as an error.
 *
 * <p>{@link #inDoubt()} says whether the partner may nevertheless have done what was asked: a refusal created nothing,
 * while a success answer we could not read may hide a charge or a booking.
 */
public class PartnerException extends RuntimeException {

    private final boolean inDoubt;

    public PartnerException(String message, boolean inDoubt) {
        super(message);
        this.inDoubt = inDoubt;
    }

    public PartnerException(String message, boolean inDoubt, Throwable cause) {
        super(message, cause);
        this.inDoubt = inDoubt;
    }

    /** A refusal: the partner answered and created nothing. */
    public static PartnerException refused(String message, Throwable cause) {
        return new PartnerException(message, false, cause);
    }

    /** An answer that breaks the contract: the partner may have done what was asked, we cannot tell. */
    public static PartnerException unreadable(String message) {
        return new PartnerException(message, true);
    }

    public static PartnerException unreadable(String message, Throwable cause) {
        return new PartnerException(message, true, cause);
    }

    /** Whether the partner may have acted on the request although we got no usable answer. */
    public boolean inDoubt() {
        return inDoubt;
    }
}
