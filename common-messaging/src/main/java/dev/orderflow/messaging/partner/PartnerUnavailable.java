package dev.orderflow.messaging.partner;

import dev.orderflow.messaging.TransientFailure;
import org.jspecify.annotations.Nullable;

/**
 * A partner could not be reached or did not answer in time: try again later. {@link #dispatched()} says whether the
 * request may have reached the partner. It certainly did not when the circuit was open, the connection was refused or
 * the partner answered 429 or 503 (which the partner contract defines as "refused before doing anything"); it may have
 * when the answer timed out or another 5xx came back. Only a request that may have been dispatched can have created
 * something at the partner, which is what a cancellation needs to know (ADR 0010).
 */
public class PartnerUnavailable extends TransientFailure {

    private final boolean dispatched;

    private PartnerUnavailable(String message, boolean dispatched, @Nullable Throwable cause) {
        super(message, cause);
        this.dispatched = dispatched;
    }

    /** The request never left this service, or the partner refused it before doing anything. */
    public static PartnerUnavailable notDispatched(String message, Throwable cause) {
        return new PartnerUnavailable(message, false, cause);
    }

    /** The request never left this service. */
    public static PartnerUnavailable notDispatched(String message) {
        return new PartnerUnavailable(message, false, null);
    }

    /** The request may have reached the partner; its outcome is unknown. */
    public static PartnerUnavailable maybeDispatched(String message, Throwable cause) {
        return new PartnerUnavailable(message, true, cause);
    }

    public boolean dispatched() {
        return dispatched;
    }
}
