package dev.orderflow.messaging.partner;

import dev.orderflow.messaging.Causation;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One intended partner call, as stored in {@code partner_work}.
 *
 * @param idempotencyKey what the partner de-duplicates the call by; the same on every attempt
 * @param voidRequested the order was cancelled: nothing new may be created at the partner for it
 * @param inDoubt an earlier attempt may have reached the partner without an answer we could read
 * @param attempts how often a worker took it
 * @param dispatched how many of those attempts (may have) reached the partner
 * @param fence the lease epoch: only the worker holding the current one may record a result
 * @param causation the event that made the call due; the events its result leads to are caused by it
 * @param traceparent the trace the intent was recorded in, which the call and its result continue
 * @param request the stored request (JSON); null once the work is settled
 */
public record PartnerWorkItem(
        UUID id,
        UUID orderId,
        String action,
        String partner,
        String idempotencyKey,
        Status status,
        boolean voidRequested,
        boolean inDoubt,
        int attempts,
        int dispatched,
        long fence,
        @Nullable Instant nextAttemptAt,
        @Nullable String lastError,
        Causation causation,
        @Nullable String traceparent,
        @Nullable String request) {

    /** due → in flight → done / failed / voided; back to due after a failed attempt or a lease that ran out. */
    public enum Status {
        /** Waiting for a worker, from {@code nextAttemptAt}. */
        DUE,
        /** Leased to a worker until {@code nextAttemptAt}. */
        IN_FLIGHT,
        /** The partner did what was asked. */
        DONE,
        /** The partner answered, and declined. */
        FAILED,
        /** Cancelled before anything was created at the partner: nothing was, nothing will be. */
        VOIDED;

        public boolean isSettled() {
            return this == DONE || this == FAILED || this == VOIDED;
        }
    }
}
