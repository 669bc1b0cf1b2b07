package dev.orderflow.messaging;

import dev.orderflow.events.EventType;
import dev.orderflow.events.Producer;
import dev.orderflow.events.SagaEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one consumer group handles: declare it as a bean and the messaging auto-configuration subscribes the group to the
 * topics of those events, runs every handler through the inbox and dead-letters what can never succeed. A record its
 * topic's producer did not publish is dead-lettered before any handler runs (SPEC §5, provenance); the producer's types
 * not declared here, unknown ones included, are skipped and counted, never dead-lettered.
 *
 * <pre>{@code
 * @Bean
 * EventHandlers inventoryHandlers(Reservations reservations) {
 *     return EventHandlers.group("inventory-service")
 *             .on(EventTypes.ORDER_PLACED, reservations::reserve)
 *             .on(EventTypes.ORDER_CANCELLED, reservations::release)
 *             .build();
 * }
 * }</pre>
 */
public final class EventHandlers {

    private final String group;
    private final Map<String, Registration<?>> byType;

    private EventHandlers(String group, Map<String, Registration<?>> byType) {
        this.group = group;
        this.byType = Collections.unmodifiableMap(byType);
    }

    public static Builder group(String consumerGroup) {
        return new Builder(consumerGroup);
    }

    public String consumerGroup() {
        return group;
    }

    /** The handler of a wire type, if this group handles it. */
    public Optional<Registration<?>> handlerFor(String typeName) {
        return Optional.ofNullable(byType.get(typeName));
    }

    /** The producers whose topics this group reads. */
    public Set<Producer> producers() {
        Set<Producer> producers = new LinkedHashSet<>();
        byType.values().forEach(r -> producers.add(r.type().producer()));
        return producers;
    }

    public Set<String> typeNames() {
        return byType.keySet();
    }

    /** One handled type and its handler. */
    public record Registration<T extends SagaEvent>(EventType<T> type, EventHandler<T> handler) {

        /** Hands a payload already read as this type to the handler. */
        public void dispatch(SagaEvent event, EventContext context) {
            handler.handle(type.payloadType().cast(event), context);
        }
    }

    public static final class Builder {

        private final String group;
        private final Map<String, Registration<?>> byType = new LinkedHashMap<>();

        private Builder(String group) {
            if (group == null || !group.matches("[a-zA-Z0-9._-]{1,100}")) {
                throw new IllegalArgumentException("consumer group must match [a-zA-Z0-9._-]{1,100}: " + group);
            }
            this.group = group;
        }

        public <T extends SagaEvent> Builder on(EventType<T> type, EventHandler<T> handler) {
            Objects.requireNonNull(handler, "handler");
            if (byType.putIfAbsent(type.name(), new Registration<>(type, handler)) != null) {
                throw new IllegalArgumentException(group + " registers a handler for " + type + " twice");
            }
            return this;
        }

        public EventHandlers build() {
            if (byType.isEmpty()) {
                throw new IllegalStateException(group + " handles no event type");
            }
            return new EventHandlers(group, new LinkedHashMap<>(byType));
        }
    }
}
