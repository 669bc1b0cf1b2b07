package dev.orderflow.messaging.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** What consumers did with records: applied, skipped as duplicates, skipped as unhandled types, dead-lettered. */
public final class ConsumerMetrics {

    private final MeterRegistry registry;

    public ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void applied(String group, String type) {
        Counter.builder("orderflow.consumer.applied")
                .description("Events applied by a consumer group")
                .tag("group", group)
                .tag("type", type)
                .register(registry)
                .increment();
    }

    void duplicate(String group, String type) {
        Counter.builder("orderflow.inbox.duplicates")
                .description("Redelivered events the inbox recognised and skipped")
                .tag("group", group)
                .tag("type", type)
                .register(registry)
                .increment();
    }

    void unhandled(String group, String type) {
        Counter.builder("orderflow.consumer.skipped")
                .description("Records of event types the group does not handle, skipped")
                .tag("group", group)
                .tag("type", type)
                .register(registry)
                .increment();
    }

    void failed(String group, FailureClassifier.Kind kind) {
        Counter.builder("orderflow.consumer.failures")
                .description(
                        "Failed deliveries to a handler, by classification; transient ones are retried until they pass")
                .tag("group", group)
                .tag("kind", kind.name())
                .register(registry)
                .increment();
    }

    void deadLettered(String topic, String group, String reason) {
        Counter.builder("orderflow.consumer.dead.lettered")
                .description("Records sent to a dead-letter topic")
                .tag("topic", topic)
                .tag("group", group)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
