package dev.orderflow.messaging.partner;

import dev.orderflow.events.CloudEventHeaders;
import dev.orderflow.events.EventJson;
import dev.orderflow.messaging.Causation;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.incident.CompensationIncidents;
import dev.orderflow.messaging.incident.CompensationRetry;
import dev.orderflow.messaging.partner.PartnerWorkItem.Status;
import dev.orderflow.messaging.tracing.TraceContextPropagation;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Partner work as a service sees it (ADR 0010): in the transaction that decides a partner call, {@link #schedule} it;
 * when the order is cancelled, {@link #requestVoid} what may not happen any more. A worker makes the calls after
 * commit and reports each result back through the action's {@link PartnerAction#completed} or
 * {@link PartnerAction#voided}. Operators retry a failing compensation through it as well ({@link #retryNow}).
 */
public final class PartnerWork implements CompensationRetry, SmartLifecycle {

    /** What a void request did. */
    public enum VoidOutcome {
        /** No unsettled call of that action: never scheduled, or already settled. */
        NOTHING_OPEN,
        /** No attempt had reached the partner: the call is voided and nothing will ever be created for it. */
        VOIDED,
        /**
         * A call is in flight or an earlier one may have reached the partner: its answer, or a lookup at the partner,
         * decides, and the action hears of it through {@code completed} or {@code voided}. Nothing new is created.
         */
        RESOLVING
    }

    private final PartnerWorkStore store;
    private final PartnerWorker worker;
    private final Clock clock;
    private final TraceContextPropagation tracing;

    private PartnerWork(PartnerWorkStore store, PartnerWorker worker, Clock clock, TraceContextPropagation tracing) {
        this.store = store;
        this.worker = worker;
        this.clock = clock;
        this.tracing = tracing;
    }

    /**
     * Partner work over the service's {@code partner_work} table with its worker. The actions are read when first
     * needed, so an action may itself use partner work (a charge's result schedules its refund).
     */
    public static PartnerWork create(
            JdbcClient jdbc,
            Supplier<List<PartnerAction<?, ?>>> actions,
            TransactionTemplate transactions,
            CompensationIncidents incidents,
            MessagingProperties.PartnerWorkSettings settings,
            Clock clock,
            TraceContextPropagation tracing,
            MeterRegistry meters) {
        PartnerWorkStore store = new PartnerWorkStore(jdbc);
        PartnerWorker worker =
                new PartnerWorker(store, actions, transactions, incidents, settings, clock, tracing, meters);
        return new PartnerWork(store, worker, clock, tracing);
    }

    /**
     * Records the intent to make a call, due now, in the caller's transaction; the worker takes it after commit. The
     * current trace and {@code causation} travel with it to the call and the events its result leads to.
     *
     * @param idempotencyKey what the partner de-duplicates the call by
     * @return whether it was recorded; {@code false} if the action already has a call with this key
     */
    public boolean schedule(
            String actionName, UUID orderId, String idempotencyKey, Object request, Causation causation) {
        requireTransaction();
        PartnerAction<?, ?> action = worker.action(actionName);
        if (!action.requestType().isInstance(request)) {
            throw new IllegalArgumentException(
                    actionName + " takes " + action.requestType().getSimpleName() + ", not "
                            + request.getClass().getSimpleName());
        }
        Instant now = clock.instant();
        // A free call slot now: the work is leased in this transaction and its call starts at commit, with no claim
        // query and no wake-up. Otherwise it waits, due, for the worker.
        PartnerCalls.Permit permit = worker.tryHandOver(action);
        boolean handedOver = permit != null;
        PartnerWorkItem work = new PartnerWorkItem(
                UUID.randomUUID(),
                orderId,
                action.name(),
                action.partner().partner(),
                idempotencyKey,
                handedOver ? Status.IN_FLIGHT : Status.DUE,
                false,
                false,
                handedOver ? 1 : 0,
                0,
                handedOver ? 1 : 0,
                handedOver ? now.plus(worker.lease()) : now,
                null,
                causation,
                tracing.capture().get(CloudEventHeaders.TRACEPARENT),
                EventJson.mapper().writeValueAsString(request));
        boolean added;
        try {
            added = store.insert(work, now);
        } catch (RuntimeException e) {
            if (permit != null) {
                permit.close();
            }
            throw e;
        }
        if (!added) {
            if (permit != null) {
                permit.close();
            }
            return false;
        }
        HandOvers handOvers = handOversOfThisTransaction();
        if (permit != null) {
            handOvers.pending.put(work.id(), permit);
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (permit == null) {
                    if (status == STATUS_COMMITTED) {
                        worker.wakeUp();
                    }
                    return;
                }
                // Voided later in this same transaction: never handed over, the slot is free again.
                boolean stillDue = handOvers.pending.remove(work.id()) != null;
                if (status == STATUS_COMMITTED && stillDue) {
                    worker.handOver(work, permit);
                } else {
                    permit.close();
                }
            }
        });
        return true;
    }

    /** The work this transaction leased to itself, to start at commit; a void in the same transaction takes it back. */
    private static final class HandOvers {
        final Map<UUID, PartnerCalls.Permit> pending = new HashMap<>();
    }

    private HandOvers handOversOfThisTransaction() {
        HandOvers handOvers = (HandOvers) TransactionSynchronizationManager.getResource(HandOvers.class);
        if (handOvers == null) {
            handOvers = new HandOvers();
            TransactionSynchronizationManager.bindResource(HandOvers.class, handOvers);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(HandOvers.class);
                }
            });
        }
        return handOvers;
    }

    /**
     * The order was cancelled: nothing new may be created at the partner by this action. Call it in the cancelling
     * transaction, after locking the service's record of the order (the lock every result transaction takes first).
     */
    public VoidOutcome requestVoid(String actionName, UUID orderId) {
        requireTransaction();
        List<PartnerWorkItem> open = store.lockOpen(actionName, orderId);
        if (open.isEmpty()) {
            return VoidOutcome.NOTHING_OPEN;
        }
        Instant now = clock.instant();
        VoidOutcome outcome = VoidOutcome.VOIDED;
        HandOvers handOvers = (HandOvers) TransactionSynchronizationManager.getResource(HandOvers.class);
        for (PartnerWorkItem work : open) {
            boolean leasedHereNotStarted = handOvers != null && handOvers.pending.remove(work.id()) != null;
            if ((work.status() == Status.DUE && !work.inDoubt()) || leasedHereNotStarted) {
                store.settle(work.id(), Status.VOIDED, 0, work.lastError(), now);
            } else {
                store.requestVoid(work.id(), now);
                outcome = VoidOutcome.RESOLVING;
            }
        }
        if (outcome == VoidOutcome.RESOLVING) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.wakeUp();
                }
            });
        }
        return outcome;
    }

    /** Every call of an order, oldest first. */
    public List<PartnerWorkItem> ofOrder(UUID orderId) {
        return store.ofOrder(orderId);
    }

    /**
     * Makes the order's due call of {@code action} now, in this thread, whenever it was scheduled: through the lease,
     * so a call in flight is left to its worker.
     */
    @Override
    public void retryNow(UUID orderId, String action) {
        worker.driveNow(action, orderId);
    }

    /** The action of that name (for tests in this package). */
    PartnerAction<?, ?> action(String name) {
        return worker.action(name);
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop();
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Partner work is recorded inside the business transaction");
        }
    }
}
