package dev.orderflow.messaging;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.SagaEvent;

/**
 * Writes outgoing events inside the caller's database transaction; the relay publishes them after commit. There is no
 * other way to publish a saga event: no dual writes.
 */
public interface Outbox {

    /**
     * Records {@code event} for publication on its producer's topic, keyed by its order.
     *
     * @return the envelope the event will carry; its id and time never change, even when it is republished
     * @throws IllegalStateException when no transaction is active
     */
    EventEnvelope publish(SagaEvent event, Causation causation);
}
