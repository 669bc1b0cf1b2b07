package dev.orderflow.bench.relay;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/** The broker as the phases see it: the relay's producer settings, plain consumers, topics and their end offsets. */
final class BenchKafka {

    private final KafkaAdmin admin;
    private final Map<String, Object> producerConfig;
    private final String bootstrapServers;

    @SuppressWarnings("unchecked")
    BenchKafka(ApplicationContext context) {
        this.admin = context.getBean(KafkaAdmin.class);
        // The relay's own producer configuration, so the raw baseline differs from the relay in nothing but the relay.
        KafkaTemplate<String, byte[]> template = context.getBean("orderflowKafkaTemplate", KafkaTemplate.class);
        this.producerConfig = Map.copyOf(template.getProducerFactory().getConfigurationProperties());
        this.bootstrapServers =
                Objects.requireNonNull(context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"));
    }

    Map<String, Object> producerConfig() {
        return producerConfig;
    }

    void createTopic(String name, int partitions) {
        admin.createOrModifyTopics(new NewTopic(name, partitions, (short) 1));
    }

    /** A plain consumer outside any group: it is assigned partitions, never rebalanced. */
    KafkaConsumer<String, byte[]> newConsumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return new KafkaConsumer<>(config);
    }

    static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }

    /** How many records the topic holds in all: the relay's output counted by the broker. */
    long recordsOn(String topic) throws InterruptedException {
        try (Admin client = Admin.create(admin.getConfigurationProperties())) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            client.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return client.listOffsets(ends).all().get().values().stream()
                    .mapToLong(ListOffsetsResultInfo::offset)
                    .sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not read the end offsets of " + topic, e.getCause());
        }
    }
}
