package dev.orderflow.messaging.outbox;

import dev.orderflow.events.CloudEventHeaders;
import dev.orderflow.events.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** An unpublished outbox row as the relay reads it. */
record OutboxRow(
        long id,
        String topic,
        String key,
        EventEnvelope envelope,
        byte[] payload,
        String traceparent,
        String tracestate) {

    static final String COLUMNS =
            "id, event_id, topic, message_key, event_type, source, correlation_id, causation_id, payload, traceparent,"
                    + " tracestate, created_at";

    static OutboxRow map(ResultSet rs) throws SQLException {
        Instant createdAt = rs.getTimestamp("created_at").toInstant();
        String key = rs.getString("message_key");
        EventEnvelope envelope = new EventEnvelope(
                rs.getObject("event_id", UUID.class),
                rs.getString("event_type"),
                rs.getString("source"),
                createdAt,
                key,
                rs.getObject("correlation_id", UUID.class),
                rs.getObject("causation_id", UUID.class));
        return new OutboxRow(
                rs.getLong("id"),
                rs.getString("topic"),
                key,
                envelope,
                rs.getString("payload").getBytes(StandardCharsets.UTF_8),
                rs.getString("traceparent"),
                rs.getString("tracestate"));
    }

    Map<String, String> traceContext() {
        Map<String, String> trace = new HashMap<>(2);
        if (traceparent != null) {
            trace.put(CloudEventHeaders.TRACEPARENT, traceparent);
        }
        if (tracestate != null) {
            trace.put(CloudEventHeaders.TRACESTATE, tracestate);
        }
        return trace;
    }
}
