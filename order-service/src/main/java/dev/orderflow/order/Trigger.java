package dev.orderflow.order;

import dev.orderflow.events.SagaEvent;
import dev.orderflow.messaging.EventContext;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What moves an order, as its timeline names it: a saga event (with its id), the customer or the deadline.
 *
 * @param event the timeline's name for it, e.g. {@code StockReserved}
 * @param eventId the id of the incoming event, null when the order service itself decided
 * @param at when this service learned it
 */
record Trigger(String event, @Nullable UUID eventId, Instant at) {

    static final String ORDER_PLACED = "OrderPlaced";
    static final String CANCELLATION_REQUESTED = "CancellationRequested";
    static final String DEADLINE_PASSED = "DeadlinePassed";

    static Trigger of(SagaEvent event, EventContext context, Instant at) {
        return new Trigger(event.getClass().getSimpleName(), context.envelope().id(), at);
    }

    static Trigger customerCancellation(Instant at) {
        return new Trigger(CANCELLATION_REQUESTED, null, at);
    }

    static Trigger deadline(Instant at) {
        return new Trigger(DEADLINE_PASSED, null, at);
    }
}
