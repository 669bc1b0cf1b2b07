package dev.orderflow.messaging;

import dev.orderflow.events.EventEnvelope;

/** What a handler knows about the event it handles besides its payload. */
public record EventContext(EventEnvelope envelope, String consumerGroup, String topic) {

    /** The causation of events this one leads to: same correlation, caused by this event. */
    public Causation causation() {
        return Causation.of(envelope.correlationId(), envelope.id());
    }
}
