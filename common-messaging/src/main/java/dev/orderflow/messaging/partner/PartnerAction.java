package dev.orderflow.messaging.partner;

import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One kind of partner call a service makes (a charge, a refund, a booking, a notification), declared as a bean: how to
 * make the call, how to look an earlier call up where the partner offers a lookup, and what each result means for the
 * service (its state and the event it publishes). {@link PartnerWork} does everything else: it keeps one work item per
 * intended call, leases it to a worker, retries with backoff, voids it when the order is cancelled before anything was
 * dispatched, resolves doubt by a lookup, and opens an incident when a compensation keeps failing (ADR 0010).
 *
 * @param <Q> what the call sends, stored as JSON with the work item
 * @param <R> the partner's answer, validated
 */
public interface PartnerAction<Q, R> {

    /** Unique within the service; stored with each work item, it names its incidents and metrics: {@code REFUND}. */
    String name();

    /** The guard of the partner this action calls; it also limits how many of its calls run at once. */
    PartnerCalls partner();

    /** The stored request's type. */
    Class<Q> requestType();

    /** Whether this action undoes another (a refund, a carrier cancellation): never voided, an incident when it keeps failing. */
    default boolean compensation() {
        return false;
    }

    /**
     * Makes the call, outside any transaction, with the work item's idempotency key.
     *
     * @throws PartnerUnavailable the partner is unavailable (dispatched or not)
     * @throws PartnerException the partner refused the call or answered outside the contract
     */
    R call(Q request, PartnerWorkItem work, PartnerCalls.Permit permit);

    /** How to ask the partner what an earlier call created; {@code null} where the partner offers no lookup. */
    default @Nullable Lookup<Q, R> lookup() {
        return null;
    }

    /**
     * The first step of every transaction that records a result of this action: lock the service's record of the order,
     * the same lock its event handlers take, so one order's writers serialise (business record first, then the work).
     */
    void lock(UUID orderId);

    /**
     * Records the partner's answer, in a transaction after {@link #lock}: the service's state and the event it leads
     * to (through the outbox).
     *
     * @return {@link PartnerWorkItem.Status#DONE} if the partner did what was asked, {@link PartnerWorkItem.Status#FAILED}
     *     if it declined (a declined charge, an address it does not serve)
     */
    PartnerWorkItem.Status completed(PartnerWorkItem work, R result);

    /** Nothing was ever created at the partner and nothing will be: the work was voided (in a transaction after lock). */
    default void voided(PartnerWorkItem work) {}

    /** Looks up what the partner holds for a work item whose earlier call may have reached it. */
    @FunctionalInterface
    interface Lookup<Q, R> {

        /** The partner's record of the call, as the call would have answered it; empty if the partner has none. */
        Optional<R> find(Q request, PartnerWorkItem work, PartnerCalls.Permit permit);
    }
}
