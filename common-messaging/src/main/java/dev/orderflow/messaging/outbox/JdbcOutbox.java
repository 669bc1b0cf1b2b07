package dev.orderflow.messaging.outbox;

import dev.orderflow.events.CloudEventHeaders;
import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.EventType;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.SagaEvent;
import dev.orderflow.events.Topics;
import dev.orderflow.messaging.Causation;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.messaging.tracing.TraceContextPropagation;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox on PostgreSQL: one row per event, in the caller's transaction, with the trace context of the caller. The
 * commit wakes the relay: directly when this JVM's relay is the active one, by a notification ({@code pg_notify}, sent
 * with the commit) when another replica's is.
 */
public final class JdbcOutbox implements Outbox {

    private static final String INSERT = """
            insert into outbox_event (event_id, topic, message_key, event_type, source, correlation_id, causation_id,
                                      payload, traceparent, tracestate, created_at)
            values (:eventId, :topic, :key, :type, :source, :correlationId, :causationId,
                    :payload, :traceparent, :tracestate, :createdAt)
            """;

    private final JdbcClient jdbc;
    private final Topics topics;
    private final Clock clock;
    private final TraceContextPropagation tracing;
    private final RelaySignal signal;
    private final BooleanSupplier relayLeadsHere;

    JdbcOutbox(
            JdbcClient jdbc,
            Topics topics,
            Clock clock,
            TraceContextPropagation tracing,
            RelaySignal signal,
            BooleanSupplier relayLeadsHere) {
        this.jdbc = jdbc;
        this.topics = topics;
        this.clock = clock;
        this.tracing = tracing;
        this.signal = signal;
        this.relayLeadsHere = relayLeadsHere;
    }

    @Override
    public EventEnvelope publish(SagaEvent event, Causation causation) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(causation, "causation");
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox writes must run inside the business transaction");
        }
        EventType<?> type = EventTypes.of(event);
        EventEnvelope envelope = causation.isNewSaga()
                ? EventEnvelope.first(type, event.orderId(), clock.instant())
                : EventEnvelope.create(
                        type, event.orderId(), clock.instant(), causation.correlationId(), causation.causationId());
        Map<String, String> trace = tracing.capture();
        jdbc.sql(INSERT)
                .param("eventId", envelope.id())
                .param("topic", topics.of(type))
                .param("key", envelope.subject())
                .param("type", envelope.type())
                .param("source", envelope.source())
                .param("correlationId", envelope.correlationId())
                .param("causationId", envelope.causationId())
                .param("payload", EventJson.writeString(event))
                .param("traceparent", trace.get(CloudEventHeaders.TRACEPARENT))
                .param("tracestate", trace.get(CloudEventHeaders.TRACESTATE))
                .param("createdAt", Timestamp.from(envelope.time()))
                .update();
        wakeRelayOnCommit();
        return envelope;
    }

    /** Once per transaction: after commit, the relay of this JVM; with the commit, another replica's by NOTIFY. */
    private void wakeRelayOnCommit() {
        if (TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        if (!relayLeadsHere.getAsBoolean()) {
            jdbc.sql("select pg_notify('" + RelayConnection.CHANNEL + "', '')")
                    .query()
                    .singleRow();
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(JdbcOutbox.this);
                if (status == STATUS_COMMITTED) {
                    signal.signal();
                }
            }
        });
    }
}
