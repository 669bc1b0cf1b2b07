package dev.orderflow.testsupport;

import java.util.HashMap;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** Starts single-node KRaft brokers configured for tests: one node, so every replication setting is 1. */
final class EmbeddedKafkaBrokers {

    static final int PARTITIONS = 6;

    /** Where the broker publishes its address on start; read back and cleared so nothing leaks into other tests. */
    private static final String SCRATCH_PROPERTY = "orderflow.test.kafka.starting-broker";

    private EmbeddedKafkaBrokers() {}

    static EmbeddedKafkaKraftBroker start(Map<String, String> extraProperties) {
        Map<String, String> properties = new HashMap<>();
        properties.put("auto.create.topics.enable", "true");
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("offsets.topic.replication.factor", "1");
        // The internal topics default to 50 partitions; creating those on a test machine costs seconds.
        properties.put("offsets.topic.num.partitions", String.valueOf(PARTITIONS));
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("transaction.state.log.num.partitions", String.valueOf(PARTITIONS));
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.putAll(extraProperties);

        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.brokerProperties(properties);
        broker.brokerListProperty(SCRATCH_PROPERTY);
        // The broker sets two system properties on start; a Spring context that is not meant to use this broker
        // would otherwise pick them up, so the previous values are put back.
        String previousEmbeddedBrokers = System.getProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
        try {
            broker.afterPropertiesSet();
        } finally {
            System.clearProperty(SCRATCH_PROPERTY);
            if (previousEmbeddedBrokers == null) {
                System.clearProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
            } else {
                System.setProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS, previousEmbeddedBrokers);
            }
        }
        return broker;
    }
}
