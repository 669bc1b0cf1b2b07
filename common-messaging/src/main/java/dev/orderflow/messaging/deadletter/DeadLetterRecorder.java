package dev.orderflow.messaging.deadletter;

import dev.orderflow.events.CloudEventHeaders;
import dev.orderflow.events.DeadLetterHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Copies a consumer group's dead letters from its dead-letter topics into the {@code dead_letter} table, where operators
 * list, inspect and replay them. Idempotent: the topic position is the row's identity. A dead letter's time is when it
 * was recorded here, by this service's clock; the record's Kafka timestamp, set by whoever produced it, is kept beside it.
 */
public final class DeadLetterRecorder {

    private static final List<String> TEXT_HEADERS = Stream.concat(
                    Stream.concat(
                            CloudEventHeaders.ENVELOPE.stream(),
                            Stream.of(CloudEventHeaders.TRACEPARENT, CloudEventHeaders.TRACESTATE)),
                    Stream.of(
                            DeadLetterHeaders.REASON,
                            DeadLetterHeaders.DETAIL,
                            DeadLetterHeaders.GROUP,
                            KafkaHeaders.DLT_ORIGINAL_TOPIC,
                            KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP,
                            KafkaHeaders.DLT_EXCEPTION_FQCN,
                            KafkaHeaders.DLT_EXCEPTION_MESSAGE))
            .toList();

    private final DeadLetterStore store;
    private final String group;
    private final Clock clock;

    public DeadLetterRecorder(DeadLetterStore store, String group, Clock clock) {
        this.store = store;
        this.group = group;
        this.clock = clock;
    }

    public void record(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : TEXT_HEADERS) {
            Header header = record.headers().lastHeader(name);
            if (header != null && header.value() != null) {
                headers.put(name, new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        number(record, KafkaHeaders.DLT_ORIGINAL_PARTITION, headers);
        number(record, KafkaHeaders.DLT_ORIGINAL_OFFSET, headers);
        number(record, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, headers);
        String originalTopic = headers.getOrDefault(KafkaHeaders.DLT_ORIGINAL_TOPIC, record.topic());
        store.record(new DeadLetter(
                0,
                headers.getOrDefault(DeadLetterHeaders.GROUP, group),
                originalTopic,
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                headers.get(CloudEventHeaders.ID),
                headers.get(CloudEventHeaders.TYPE),
                headers.getOrDefault(DeadLetterHeaders.REASON, DeadLetterHeaders.Reason.HANDLER_FAILED.name()),
                headers.get(DeadLetterHeaders.DETAIL),
                headers,
                record.value(),
                clock.instant(),
                record.timestamp() < 0 ? null : Instant.ofEpochMilli(record.timestamp()),
                null,
                null,
                0,
                null));
    }

    private static void number(ConsumerRecord<?, ?> record, String name, Map<String, String> headers) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return;
        }
        byte[] value = header.value();
        if (value.length == Integer.BYTES) {
            headers.put(name, Integer.toString(ByteBuffer.wrap(value).getInt()));
        } else if (value.length == Long.BYTES) {
            headers.put(name, Long.toString(ByteBuffer.wrap(value).getLong()));
        }
    }
}
