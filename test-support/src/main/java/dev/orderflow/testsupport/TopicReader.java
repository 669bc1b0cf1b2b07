package dev.orderflow.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/** Reads what a topic holds, the way a test checks what was published: a raw consumer outside any group. */
public final class TopicReader {

    private static final Duration METADATA_LIMIT = Duration.ofSeconds(10);
    private static final Duration READ_LIMIT = Duration.ofSeconds(30);

    private TopicReader() {}

    /** Every record of {@code topic} from the beginning to its end as of this call; bounded by {@link #READ_LIMIT}. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic) {
        return read(bootstrapServers, topic, null);
    }

    /**
     * The records of one key, in order: only the partition the default partitioner puts the key in is read (the
     * platform's producers key every record and never choose partitions themselves).
     */
    public static List<ConsumerRecord<String, byte[]>> readKey(String bootstrapServers, String topic, String key) {
        return read(bootstrapServers, topic, key).stream()
                .filter(record -> key.equals(record.key()))
                .toList();
    }

    private static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, String topic, String key) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> all = consumer.partitionsFor(topic, METADATA_LIMIT).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            List<TopicPartition> partitions = key == null
                    ? all
                    : List.of(new TopicPartition(
                            topic, Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % all.size()));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_LIMIT);
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }
}
