package dev.orderflow.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The CloudEvents attributes of one event. {@code id} and {@code time} are fixed when the event is written to the
 * outbox and never change on republish; {@code correlationId} is the id of the order's OrderPlaced and
 * {@code causationId} the id of the event that caused this one (its own id for the first event of a saga).
 */
public record EventEnvelope(
        UUID id, String type, String source, Instant time, String subject, UUID correlationId, UUID causationId) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
    }

    /** The envelope of a new event. Time is kept to microseconds, which is what a database timestamp holds. */
    public static EventEnvelope create(
            EventType<?> type, UUID orderId, Instant now, UUID correlationId, UUID causationId) {
        return new EventEnvelope(
                UUID.randomUUID(),
                type.name(),
                type.producer().source(),
                now.truncatedTo(ChronoUnit.MICROS),
                orderId.toString(),
                correlationId,
                causationId);
    }

    /** The envelope of the first event of a saga: it correlates and causes itself. */
    public static EventEnvelope first(EventType<?> type, UUID orderId, Instant now) {
        UUID id = UUID.randomUUID();
        return new EventEnvelope(
                id,
                type.name(),
                type.producer().source(),
                now.truncatedTo(ChronoUnit.MICROS),
                orderId.toString(),
                id,
                id);
    }

    /** The envelope of an event caused by {@code cause}: same correlation, caused by it. */
    public static EventEnvelope causedBy(EventEnvelope cause, EventType<?> type, UUID orderId, Instant now) {
        return create(type, orderId, now, cause.correlationId(), cause.id());
    }

    /** Binary-mode headers, in a stable order. */
    public Map<String, String> toHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        headers.put(CloudEventHeaders.ID, id.toString());
        headers.put(CloudEventHeaders.TYPE, type);
        headers.put(CloudEventHeaders.SOURCE, source);
        headers.put(CloudEventHeaders.TIME, time.toString());
        headers.put(CloudEventHeaders.SUBJECT, subject);
        headers.put(CloudEventHeaders.CORRELATION_ID, correlationId.toString());
        headers.put(CloudEventHeaders.CAUSATION_ID, causationId.toString());
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return headers;
    }

    /**
     * Reads an envelope from headers.
     *
     * @throws InvalidEnvelopeException if a required attribute is missing or malformed
     */
    public static EventEnvelope fromHeaders(Function<String, String> header) {
        String specVersion = header.apply(CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_VALUE.equals(specVersion)) {
            throw new InvalidEnvelopeException("unsupported " + CloudEventHeaders.SPEC_VERSION + ": " + specVersion);
        }
        return new EventEnvelope(
                uuid(header, CloudEventHeaders.ID),
                required(header, CloudEventHeaders.TYPE),
                required(header, CloudEventHeaders.SOURCE),
                instant(header, CloudEventHeaders.TIME),
                required(header, CloudEventHeaders.SUBJECT),
                uuid(header, CloudEventHeaders.CORRELATION_ID),
                uuid(header, CloudEventHeaders.CAUSATION_ID));
    }

    private static String required(Function<String, String> header, String name) {
        String value = header.apply(name);
        if (value == null || value.isBlank()) {
            throw new InvalidEnvelopeException("missing header " + name);
        }
        return value;
    }

    private static UUID uuid(Function<String, String> header, String name) {
        String value = required(header, name);
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidEnvelopeException("header " + name + " is not a UUID");
        }
    }

    private static Instant instant(Function<String, String> header, String name) {
        String value = required(header, name);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidEnvelopeException("header " + name + " is not an RFC 3339 timestamp");
        }
    }
}
