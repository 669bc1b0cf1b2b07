package dev.orderflow.messaging.inbox;

import dev.orderflow.events.EventTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What consumers did with records: applied, skipped as duplicates, skipped as unhandled types, dead-lettered. Counters
 * are looked up once per name and tags, not built per record. A type is a tag only when this version of the contracts
 * knows it: {@code ce_type} is whatever the producer wrote, so every unknown type counts as {@value #UNKNOWN_TYPE} and the
 * number of series stays bounded.
 */
public final class ConsumerMetrics {

    static final String UNKNOWN_TYPE = "unknown";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void applied(String group, String type) {
        counter("orderflow.consumer.applied", "Events applied by a consumer group", group, type)
                .increment();
    }

    void duplicate(String group, String type) {
        counter("orderflow.inbox.duplicates", "Redelivered events the inbox recognised and skipped", group, type)
                .increment();
    }

    void unhandled(String group, String type) {
        counter("orderflow.consumer.skipped", "Records of event types the group does not handle, skipped", group, type)
                .increment();
    }

    void failed(String group, FailureClassifier.Kind kind) {
        counters.computeIfAbsent(
                        "failures/" + group + "/" + kind,
                        k -> Counter.builder("orderflow.consumer.failures")
                                .description(
                                        "Failed deliveries to a handler, by classification; transient ones are retried"
                                                + " until they pass")
                                .tag("group", group)
                                .tag("kind", kind.name())
                                .register(registry))
                .increment();
    }

    void deadLettered(String topic, String group, String reason) {
        counters.computeIfAbsent(
                        "dlt/" + topic + "/" + group + "/" + reason,
                        k -> Counter.builder("orderflow.consumer.dead.lettered")
                                .description("Records sent to a dead-letter topic")
                                .tag("topic", topic)
                                .tag("group", group)
                                .tag("reason", reason)
                                .register(registry))
                .increment();
    }

    private Counter counter(String name, String description, String group, String type) {
        String known = EventTypes.byName(type).isPresent() ? type : UNKNOWN_TYPE;
        return counters.computeIfAbsent(
                name + "/" + group + "/" + known,
                k -> Counter.builder(name)
                        .description(description)
                        .tag("group", group)
                        .tag("type", known)
                        .register(registry));
    }
}
