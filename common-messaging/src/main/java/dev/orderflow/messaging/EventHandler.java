package dev.orderflow.messaging;

import dev.orderflow.events.SagaEvent;

/** Applies one event. Runs inside the inbox transaction: its database work commits with the inbox record, or not at all. */
@FunctionalInterface
public interface EventHandler<T extends SagaEvent> {

    void handle(T event, EventContext context);
}
