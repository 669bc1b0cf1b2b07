package dev.orderflow.messaging.testkit;

import dev.orderflow.events.CloudEventHeaders;
import dev.orderflow.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a service published for a key, the way a test must read it now that the relay deletes what Kafka acknowledged
 * (ADR 0011): the topic's records first, in order, then the outbox rows not published yet. Redeliveries are folded by
 * event id.
 */
public final class PublishedEvents {

    /** One published (or about to be published) event. */
    public record Event(
            UUID id,
            String type,
            String source,
            UUID correlationId,
            UUID causationId,
            String payload,
            @Nullable String traceparent) {

        public byte[] payloadBytes() {
            return payload.getBytes(StandardCharsets.UTF_8);
        }
    }

    private PublishedEvents() {}

    public static List<Event> of(JdbcClient jdbc, String bootstrapServers, String topic, String key) {
        // The outbox first: a row the relay deletes after this read was acknowledged by Kafka before it went, so the
        // topic read that follows has it. The other order would lose an event published between the two reads.
        List<Event> pending = jdbc.sql("""
                        select event_id, event_type, source, correlation_id, causation_id, payload, traceparent
                        from outbox_event where topic = :topic and message_key = :key order by id
                        """)
                .param("topic", topic)
                .param("key", key)
                .query((rs, n) -> new Event(
                        rs.getObject("event_id", UUID.class),
                        rs.getString("event_type"),
                        rs.getString("source"),
                        rs.getObject("correlation_id", UUID.class),
                        rs.getObject("causation_id", UUID.class),
                        rs.getString("payload"),
                        rs.getString("traceparent")))
                .list();
        List<Event> events = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.readKey(bootstrapServers, topic, key)) {
            Event event = new Event(
                    UUID.fromString(header(record, CloudEventHeaders.ID)),
                    header(record, CloudEventHeaders.TYPE),
                    header(record, CloudEventHeaders.SOURCE),
                    UUID.fromString(header(record, CloudEventHeaders.CORRELATION_ID)),
                    UUID.fromString(header(record, CloudEventHeaders.CAUSATION_ID)),
                    new String(record.value(), StandardCharsets.UTF_8),
                    header(record, CloudEventHeaders.TRACEPARENT));
            if (seen.add(event.id())) {
                events.add(event);
            }
        }
        pending.forEach(event -> {
            if (seen.add(event.id())) {
                events.add(event);
            }
        });
        return events;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
