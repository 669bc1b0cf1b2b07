package dev.orderflow.messaging.autoconfigure;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

/**
 * Orderflow properties that Spring Boot's own replaced (ADR 0009). A service that still sets one fails to start,
 * naming the replacement, rather than run with a setting silently ignored.
 */
final class RemovedProperties {

    static final Map<String, String> REPLACEMENTS = new TreeMap<>(Map.of(
            "orderflow.messaging.consumer.concurrency", "spring.kafka.listener.concurrency",
            "orderflow.messaging.consumer.max-poll-records", "spring.kafka.consumer.max-poll-records",
            "orderflow.messaging.consumer.fetch-min-bytes", "spring.kafka.consumer.fetch-min-size",
            "orderflow.messaging.consumer.fetch-max-wait", "spring.kafka.consumer.fetch-max-wait",
            "orderflow.messaging.consumer.max-poll-interval", "spring.kafka.consumer.max-poll-interval"));

    private RemovedProperties() {}

    static void failIfSet(Environment environment) {
        Binder binder = Binder.get(environment);
        REPLACEMENTS.forEach((removed, replacement) -> binder.bind(removed, Bindable.of(String.class))
                .ifBound(value -> {
                    throw new InvalidConfigurationPropertyValueException(
                            removed,
                            value,
                            "Orderflow no longer reads it; set Spring Boot's " + replacement + " instead (ADR 0009)");
                }));
    }
}
