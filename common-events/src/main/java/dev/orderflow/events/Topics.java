package dev.orderflow.events;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Topic names: one stream per producing service, behind a configurable prefix (default {@value #DEFAULT_PREFIX}) that
 * isolates tests and tenants of a shared cluster.
 */
public record Topics(String prefix) {

    public static final String DEFAULT_PREFIX = "orderflow.";

    public static final String ORDERS = "orders";
    public static final String INVENTORY = "inventory";
    public static final String PAYMENTS = "payments";
    public static final String SHIPPING = "shipping";

    /** Suffix of a consumer group's dead-letter topic: {@code <topic>.<group>.dlt}. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    public Topics {
        Objects.requireNonNull(prefix, "prefix");
    }

    public static Topics withDefaultPrefix() {
        return new Topics(DEFAULT_PREFIX);
    }

    public String orders() {
        return name(ORDERS);
    }

    public String inventory() {
        return name(INVENTORY);
    }

    public String payments() {
        return name(PAYMENTS);
    }

    public String shipping() {
        return name(SHIPPING);
    }

    public String of(Producer producer) {
        return name(producer.topicBaseName());
    }

    public String of(EventType<?> type) {
        return of(type.producer());
    }

    /** The producer whose stream {@code topic} is, if it is one of this prefix's saga topics. */
    public Optional<Producer> producerOf(String topic) {
        return Arrays.stream(Producer.values())
                .filter(producer -> of(producer).equals(topic))
                .findFirst();
    }

    public String name(String baseName) {
        return prefix + baseName;
    }

    /** The dead-letter topic of one consumer group for one source topic. */
    public static String deadLetter(String topic, String consumerGroup) {
        return topic + "." + consumerGroup + DEAD_LETTER_SUFFIX;
    }
}
