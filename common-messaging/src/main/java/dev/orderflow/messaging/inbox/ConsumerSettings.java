package dev.orderflow.messaging.inbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

/**
 * What Orderflow's listener containers take from Orderflow rather than from {@code spring.kafka.*} (ADR 0009). The
 * guarantees are laid over whatever the application sets, because the inbox and the per-key order rest on them; the
 * tuning defaults apply only where {@code spring.kafka.consumer.*} sets nothing.
 */
final class ConsumerSettings {

    /** Offsets only after the inbox transaction, nothing skipped by a new group, raw bytes for the envelope reader. */
    static final Map<String, Object> GUARANTEES = Map.of(
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
            CooperativeStickyAssignor.class.getName(),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class);

    /**
     * Latency over throughput (ADR 0004): a fetch is answered as soon as one record is there, because a saga step is six
     * hops and each would otherwise wait up to {@code fetch.max.wait.ms} whenever traffic is light. With that, the
     * longest wait only bounds an empty fetch: Kafka's 500 ms costs no latency and polls an idle topic a fifth as often
     * as 100 ms did (issue 15's idle figure). The others are Kafka's own defaults, pinned because the blocking retries of
     * one record must fit in {@code max.poll.interval.ms}.
     */
    static final Map<String, Object> TUNING_DEFAULTS = Map.of(
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
            ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1,
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500,
            ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 300_000);

    private ConsumerSettings() {}

    /**
     * Lays Orderflow's settings over a container Boot's factory made: offsets committed by the container once the
     * listener returned for every record of a poll, that is after their inbox transactions, and never in a Kafka
     * transaction; the tuning defaults the consumer factory does not set; then the consumer guarantees.
     */
    static void apply(ContainerProperties container, Map<String, Object> factoryConfig) {
        container.setAckMode(AckMode.BATCH);
        container.setAsyncAcks(false);
        container.setKafkaAwareTransactionManager(null);
        Properties consumer = new Properties();
        consumer.putAll(container.getKafkaConsumerProperties());
        TUNING_DEFAULTS.forEach((key, value) -> {
            if (!factoryConfig.containsKey(key) && !consumer.containsKey(key)) {
                consumer.put(key, value);
            }
        });
        consumer.putAll(GUARANTEES);
        container.setKafkaConsumerProperties(consumer);
    }

    /** The application's settings that {@link #apply} replaces, so that none is dropped without a word. */
    static List<String> replaced(ContainerProperties factoryContainer, Map<String, Object> factoryConfig) {
        List<String> replaced = new ArrayList<>();
        GUARANTEES.forEach((key, value) -> {
            Object configured = factoryConfig.get(key);
            // Boot always sets deserializers (String by default): that is no choice made for Orderflow's consumers.
            if (configured != null
                    && !key.endsWith("deserializer")
                    && !nameOf(configured).equals(nameOf(value))) {
                replaced.add(key + "=" + nameOf(configured));
            }
        });
        if (factoryContainer.getAckMode() != AckMode.BATCH) {
            replaced.add("ack-mode=" + factoryContainer.getAckMode());
        }
        if (factoryContainer.getKafkaAwareTransactionManager() != null) {
            replaced.add("the Kafka transaction manager");
        }
        return replaced;
    }

    private static String nameOf(Object value) {
        return switch (value) {
            case Class<?> type -> type.getName();
            case Collection<?> values ->
                values.stream().map(ConsumerSettings::nameOf).collect(Collectors.joining(","));
            default -> Objects.toString(value);
        };
    }
}
