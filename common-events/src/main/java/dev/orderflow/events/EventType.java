package dev.orderflow.events;

import java.util.Objects;

/**
 * A versioned wire type: the stable {@code ce_type} name, the payload record it maps to and the service that produces
 * it. Never a Java class name on the wire.
 */
public record EventType<T extends SagaEvent>(String name, Class<T> payloadType, Producer producer) {

    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(producer, "producer");
    }

    /** The version suffix of the name, e.g. {@code v1}. */
    public String version() {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    @Override
    public String toString() {
        return name;
    }
}
