package dev.orderflow.messaging.inbox;

import dev.orderflow.events.CloudEventHeaders;
import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.InvalidPayloadException;
import dev.orderflow.events.Provenance;
import dev.orderflow.events.SagaEvent;
import dev.orderflow.events.Topics;
import dev.orderflow.events.WrongProducerException;
import dev.orderflow.messaging.EventContext;
import dev.orderflow.messaging.EventHandlers;
import dev.orderflow.messaging.tracing.TraceContextPropagation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * Turns records into handler calls for one consumer group. A poll's records are applied in one inbox transaction
 * ({@link #dispatchBatch}): the type and source are read from the {@code ce_type} and {@code ce_source} headers first;
 * a record its topic's producer did not publish is refused ({@link Provenance}), and a type the group does not handle
 * costs nothing more; the others are read and validated like any untrusted input, noted in the inbox with one statement,
 * handled in order, and committed once. A record that fails is isolated: the records before it are applied and
 * committed on their own, and the failing one goes to the retry and dead-letter path ({@link ConsumerErrorHandling}).
 * Dead-letter replays go one at a time ({@link #dispatch(String, String, Headers, byte[])}).
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
    private final TraceContextPropagation tracing;
    private final Topics topics;

    public EventDispatcher(
            EventHandlers handlers,
            Inbox inbox,
            Validator validator,
            ConsumerMetrics metrics,
            TraceContextPropagation tracing,
            Topics topics) {
        this.handlers = handlers;
        this.inbox = inbox;
        this.validator = validator;
        this.metrics = metrics;
        this.tracing = tracing;
        this.topics = topics;
    }

    public String consumerGroup() {
        return handlers.consumerGroup();
    }

    /** A record read and validated, ready for its handler. */
    private record Readable(
            ConsumerRecord<String, byte[]> record,
            EventEnvelope envelope,
            EventHandlers.Registration<?> handler,
            SagaEvent event) {}

    /**
     * Applies a poll's records in one inbox transaction, in their order.
     *
     * @throws BatchListenerFailedException naming the first record that failed, once the records before it committed
     */
    public void dispatchBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<Readable> readable = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            Readable r;
            try {
                r = readable(record);
            } catch (RuntimeException e) {
                // Unreadable or not from the topic's producer: what came before it is applied; it goes to the
                // dead-letter path on its own.
                applyAll(readable);
                throw new BatchListenerFailedException(
                        "record " + record.topic() + "-" + record.partition() + "@" + record.offset() + " "
                                + (e instanceof WrongProducerException
                                        ? "not from its topic's producer"
                                        : "unreadable"),
                        e,
                        record);
            }
            if (r != null) {
                readable.add(r);
            }
        }
        applyAll(readable);
    }

    /**
     * Reads one record for its handler, or {@code null} when the group skips its type. Provenance comes first (SPEC §5):
     * a record its topic's producer did not publish is refused whatever its type, before any handler runs; a type from
     * the right producer that the group does not handle, unknown ones included, is then skipped and counted.
     */
    private @Nullable Readable readable(ConsumerRecord<String, byte[]> record) {
        String type = header(record.headers(), CloudEventHeaders.TYPE);
        if (type != null) {
            Provenance.check(topics, record.topic(), header(record.headers(), CloudEventHeaders.SOURCE), type);
            if (handlers.handlerFor(type).isEmpty()) {
                metrics.unhandled(handlers.consumerGroup(), type);
                return null;
            }
        }
        // Without a type, reading the envelope names what is missing.
        EventEnvelope envelope = EventEnvelope.fromHeaders(name -> header(record.headers(), name));
        EventHandlers.Registration<?> registration =
                handlers.handlerFor(envelope.type()).orElseThrow();
        return new Readable(record, envelope, registration, read(registration, envelope, record.key(), record.value()));
    }

    /** Applies records in one transaction; on a failure, the records before it in one more, then names the failure. */
    private void applyAll(List<Readable> batch) {
        if (batch.isEmpty()) {
            return;
        }
        boolean[] applied = new boolean[batch.size()];
        Failure failure;
        try {
            failure = transact(batch, applied);
        } catch (RuntimeException e) {
            // The transaction itself failed (the database is away, the commit was refused): nothing of the batch is
            // applied; the error handler retries from its first record.
            ConsumerRecord<String, byte[]> first = batch.getFirst().record();
            throw new BatchListenerFailedException(
                    "applying the batch from " + first.topic() + "-" + first.partition() + "@" + first.offset()
                            + " failed",
                    e,
                    first);
        }
        if (failure == null) {
            countOutcomes(batch, applied);
            return;
        }
        List<Readable> before = batch.subList(0, failure.index());
        applyAll(before);
        ConsumerRecord<String, byte[]> failed = batch.get(failure.index()).record();
        throw new BatchListenerFailedException(
                "handling " + failed.topic() + "-" + failed.partition() + "@" + failed.offset() + " failed",
                failure.cause(),
                failed);
    }

    /** One transaction: the inbox notes, then each new event's handler in order; the first failure rolls it back. */
    private @Nullable Failure transact(List<Readable> batch, boolean[] applied) {
        return inbox.transactions().execute(status -> {
            Set<UUID> fresh = inbox.record(
                    consumerGroup(), batch.stream().map(Readable::envelope).toList());
            for (int i = 0; i < batch.size(); i++) {
                Readable r = batch.get(i);
                // A poll may carry one event twice (a replayed slice): the first applies it, the second is a duplicate.
                if (!fresh.remove(r.envelope().id())) {
                    continue;
                }
                try {
                    handle(r);
                    applied[i] = true;
                } catch (RuntimeException e) {
                    status.setRollbackOnly();
                    return new Failure(i, e);
                }
            }
            return null;
        });
    }

    private record Failure(int index, RuntimeException cause) {}

    /** Counts after commit: applied once per event, duplicates as the inbox saw them. */
    private void countOutcomes(List<Readable> batch, boolean[] applied) {
        String group = handlers.consumerGroup();
        for (int i = 0; i < batch.size(); i++) {
            String type = batch.get(i).envelope().type();
            if (applied[i]) {
                metrics.applied(group, type);
            } else {
                metrics.duplicate(group, type);
                log.debug("Skipped duplicate {} for group {}", type, group);
            }
        }
    }

    /** Runs one handler in the batch's transaction, with its trace, MDC and context. */
    private void handle(Readable r) {
        EventEnvelope envelope = r.envelope();
        String group = handlers.consumerGroup();
        try (TraceContextPropagation.Continued span = tracing.continueConsumer(
                        traceHeaders(r.record().headers()), r.record().topic() + " process", envelope.subject());
                MDC.MDCCloseable o = MDC.putCloseable("orderId", envelope.subject());
                MDC.MDCCloseable e = MDC.putCloseable("eventId", envelope.id().toString());
                MDC.MDCCloseable c = MDC.putCloseable(
                        "correlationId", envelope.correlationId().toString())) {
            try {
                r.handler()
                        .dispatch(
                                r.event(),
                                new EventContext(envelope, group, r.record().topic()));
            } catch (RuntimeException failure) {
                if (FailureClassifier.classify(failure) != FailureClassifier.Kind.TRANSIENT) {
                    span.failed(failure);
                }
                throw failure;
            }
        }
    }

    public Outcome dispatch(ConsumerRecord<String, byte[]> record) {
        return dispatch(record.topic(), record.key(), record.headers(), record.value());
    }

    /**
     * One record on its own, in a transaction of its own: a dead-letter replay. It passes the same provenance check as
     * on its topic, so a refused record cannot be replayed into a handler.
     */
    public Outcome dispatch(String topic, String key, Headers headers, byte[] payload) {
        EventEnvelope envelope = EventEnvelope.fromHeaders(name -> header(headers, name));
        Provenance.check(topics, topic, envelope.source(), envelope.type());
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

    private static Map<String, String> traceHeaders(Headers headers) {
        String traceparent = header(headers, CloudEventHeaders.TRACEPARENT);
        if (traceparent == null) {
            return Map.of();
        }
        String tracestate = header(headers, CloudEventHeaders.TRACESTATE);
        return tracestate == null
                ? Map.of(CloudEventHeaders.TRACEPARENT, traceparent)
                : Map.of(CloudEventHeaders.TRACEPARENT, traceparent, CloudEventHeaders.TRACESTATE, tracestate);
    }

    private static @Nullable String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
