package dev.orderflow.messaging.autoconfigure;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The Kafka producer settings Orderflow's guarantees rest on, laid over the application's own (bootstrap servers, SSL
 * and SASL come from Spring Boot's configuration). The consumers' are in {@code inbox.ConsumerSettings}.
 */
final class KafkaClientSettings {

    private KafkaClientSettings() {}

    static Map<String, Object> producerOverrides() {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        overrides.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        overrides.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        overrides.put(ProducerConfig.ACKS_CONFIG, "all");
        overrides.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        overrides.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        overrides.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        // Bounded waits: while Kafka is down a send fails within seconds and the relay backs off instead of hanging.
        overrides.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        overrides.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        overrides.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        return overrides;
    }

    @SuppressWarnings("unchecked")
    static ProducerFactory<String, byte[]> producerFactory(ProducerFactory<?, ?> applicationFactory) {
        if (applicationFactory instanceof DefaultKafkaProducerFactory<?, ?> factory) {
            return (ProducerFactory<String, byte[]>) factory.copyWithConfigurationOverride(producerOverrides());
        }
        Map<String, Object> config = new HashMap<>(applicationFactory.getConfigurationProperties());
        config.putAll(producerOverrides());
        return new DefaultKafkaProducerFactory<>(config);
    }
}
