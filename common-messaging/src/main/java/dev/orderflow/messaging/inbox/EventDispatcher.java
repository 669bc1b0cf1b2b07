package dev.orderflow.messaging.inbox;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.InvalidPayloadException;
import dev.orderflow.events.SagaEvent;
import dev.orderflow.messaging.EventContext;
import dev.orderflow.messaging.EventHandlers;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns one record into at most one handler call for one consumer group: reads the envelope, skips types the group does
 * not handle, reads and validates the payload like any untrusted input, and runs the handler through the inbox. Used for
 * live records and for dead-letter replays alike.
 */
public final class EventDispatcher {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    /** What became of a record. */
    public enum Outcome {
        APPLIED,
        DUPLICATE,
        UNHANDLED
    }

    private final EventHandlers handlers;
    private final Inbox inbox;
    private final Validator validator;
    private final ConsumerMetrics metrics;

    public EventDispatcher(EventHandlers handlers, Inbox inbox, Validator validator, ConsumerMetrics metrics) {
        this.handlers = handlers;
        this.inbox = inbox;
        this.validator = validator;
        this.metrics = metrics;
    }

    public String consumerGroup() {
        return handlers.consumerGroup();
    }

    public Outcome dispatch(ConsumerRecord<String, byte[]> record) {
        return dispatch(record.topic(), record.key(), record.headers(), record.value());
    }

    public Outcome dispatch(String topic, String key, Headers headers, byte[] payload) {
        EventEnvelope envelope = EventEnvelope.fromHeaders(name -> header(headers, name));
        String group = handlers.consumerGroup();
        Optional<EventHandlers.Registration<?>> registration = handlers.handlerFor(envelope.type());
        if (registration.isEmpty()) {
            metrics.unhandled(group, envelope.type());
            return Outcome.UNHANDLED;
        }
        EventHandlers.Registration<?> handler = registration.get();
        SagaEvent event = read(handler, envelope, key, payload);
        try (MDC.MDCCloseable o = MDC.putCloseable("orderId", envelope.subject());
                MDC.MDCCloseable e = MDC.putCloseable("eventId", envelope.id().toString());
                MDC.MDCCloseable c = MDC.putCloseable(
                        "correlationId", envelope.correlationId().toString())) {
            EventContext context = new EventContext(envelope, group, topic);
            boolean applied = inbox.applyOnce(group, envelope, () -> handler.dispatch(event, context));
            if (!applied) {
                metrics.duplicate(group, envelope.type());
                log.debug("Skipped duplicate {} for group {}", envelope.type(), group);
                return Outcome.DUPLICATE;
            }
            metrics.applied(group, envelope.type());
            return Outcome.APPLIED;
        }
    }

    private SagaEvent read(EventHandlers.Registration<?> handler, EventEnvelope envelope, String key, byte[] payload) {
        if (payload == null) {
            throw new InvalidPayloadException(envelope.type() + " record has no payload");
        }
        SagaEvent event = EventJson.read(payload, handler.type().payloadType());
        Set<ConstraintViolation<SagaEvent>> violations = validator.validate(event);
        if (!violations.isEmpty()) {
            // Paths and constraint messages only: the rejected values may be personal data.
            String problems = violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .sorted(Comparator.naturalOrder())
                    .collect(Collectors.joining("; "));
            throw new InvalidPayloadException(envelope.type() + " payload breaks the contract: " + problems);
        }
        String orderId = event.orderId().toString();
        if (!orderId.equals(envelope.subject()) || (key != null && !orderId.equals(key))) {
            throw new InvalidPayloadException(envelope.type() + " payload orderId does not match its key and subject");
        }
        return event;
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
