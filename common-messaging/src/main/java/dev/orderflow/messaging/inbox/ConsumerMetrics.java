package dev.orderflow.messaging.inbox;

import dev.orderflow.events.DeadLetterHeaders;
import dev.orderflow.events.EventTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
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
        deadLetters(topic, group, reason).increment();
    }

    /**
     * Registers a group's dead-letter counters at zero, for every topic it reads and every reason: a counter that is born
     * at its first dead letter shows Prometheus no increase, so the first forged event (alert EventProvenanceViolated)
     * or the first poison record (DeadLettersGrowing) would go unnoticed.
     */
    public void expectDeadLetters(String group, List<String> topics) {
        for (String topic : topics) {
            for (DeadLetterHeaders.Reason reason : DeadLetterHeaders.Reason.values()) {
                deadLetters(topic, group, reason.name());
            }
        }
    }

    private Counter deadLetters(String topic, String group, String reason) {
        return counters.computeIfAbsent(
                "dlt/" + topic + "/" + group + "/" + reason,
                k -> Counter.builder("orderflow.consumer.dead.lettered")
                        .description("Records sent to a dead-letter topic")
                        .tag("topic", topic)
                        .tag("group", group)
                        .tag("reason", reason)
                        .register(registry));
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
