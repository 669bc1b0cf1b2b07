package dev.orderflow.messaging;

import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where an outgoing event comes from: the order's correlation id (the id of its OrderPlaced) and the id of the event
 * that caused it. {@link #newSaga()} marks the first event of a saga, which correlates and causes itself.
 */
public record Causation(
        @Nullable UUID correlationId, @Nullable UUID causationId) {

    private static final Causation NEW_SAGA = new Causation(null, null);

    public Causation {
        if ((correlationId == null) != (causationId == null)) {
            throw new IllegalArgumentException("correlationId and causationId are set together");
        }
    }

    public static Causation newSaga() {
        return NEW_SAGA;
    }

    public static Causation of(UUID correlationId, UUID causationId) {
        return new Causation(Objects.requireNonNull(correlationId), Objects.requireNonNull(causationId));
    }

    public boolean isNewSaga() {
        return correlationId == null;
    }
}
