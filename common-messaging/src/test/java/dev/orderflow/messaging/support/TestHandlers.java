package dev.orderflow.messaging.support;

import dev.orderflow.events.SagaEvent;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.messaging.EventContext;
import dev.orderflow.messaging.TransientFailure;
import dev.orderflow.messaging.tracing.TraceContextPropagation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The test service's handlers: each applied event becomes a row in {@code applied_event}, in the inbox transaction.
 * A test can make the handling of one order by {@link MessagingTestApplication#GROUP} fail, transiently a number of
 * times, unexpectedly until told otherwise, or on a session turned read-only; the other group always succeeds.
 */
@Component
public class TestHandlers {

    /** How handling an order's events should go. */
    public sealed interface Behaviour {}

    public record FailTransiently(AtomicInteger remaining) implements Behaviour {}

    public record FailUnexpectedly() implements Behaviour {}

    /** The server refuses the handler's writes as a demoted primary does after a switchover (SQLSTATE 25006). */
    public record ServerTurnsReadOnly(AtomicInteger remaining) implements Behaviour {}

    private final JdbcClient jdbc;
    private final ObjectProvider<Tracer> tracer;
    private final TraceContextPropagation tracing;
    private final Map<UUID, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    TestHandlers(JdbcClient jdbc, ObjectProvider<Tracer> tracer, TraceContextPropagation tracing) {
        this.jdbc = jdbc;
        this.tracer = tracer;
        this.tracing = tracing;
    }

    public void failTransiently(UUID orderId, int times) {
        behaviours.put(orderId, new FailTransiently(new AtomicInteger(times)));
    }

    public void failUnexpectedly(UUID orderId) {
        behaviours.put(orderId, new FailUnexpectedly());
    }

    /** The next {@code times} attempts find their transaction read-only: their write fails with SQLSTATE 25006. */
    public void serverTurnsReadOnly(UUID orderId, int times) {
        behaviours.put(orderId, new ServerTurnsReadOnly(new AtomicInteger(times)));
    }

    public void succeed(UUID orderId) {
        behaviours.remove(orderId);
    }

    /** How often a group's handler was called for an order, including failed calls. */
    public int attempts(String group, UUID orderId) {
        AtomicInteger count = attempts.get(group + "/" + orderId);
        return count == null ? 0 : count.get();
    }

    void apply(SagaEvent event, EventContext context) {
        attempts.computeIfAbsent(context.consumerGroup() + "/" + event.orderId(), k -> new AtomicInteger())
                .incrementAndGet();
        Behaviour behaviour =
                MessagingTestApplication.GROUP.equals(context.consumerGroup()) ? behaviours.get(event.orderId()) : null;
        switch (behaviour) {
            case FailTransiently(AtomicInteger remaining)
            when remaining.getAndDecrement() > 0 -> throw new TransientFailure("partner unavailable (test)");
            case FailUnexpectedly() -> throw new IllegalStateException("handler bug (test)");
            case ServerTurnsReadOnly(AtomicInteger remaining)
            when remaining.getAndDecrement() > 0 -> {
                // PostgreSQL itself refuses the write below, as a standby would; the setting ends with the transaction.
                jdbc.sql("set transaction read only").update();
            }
            case null, default -> {}
        }
        Tracer t = tracer.getIfAvailable();
        Span span = t == null ? null : t.currentSpan();
        jdbc.sql("""
                        insert into applied_event (consumer_group, event_id, event_type, order_id, customer_id, trace_id,
                                                   carried_traceparent)
                        values (:group, :eventId, :type, :orderId, :customerId, :traceId, :carried)
                        """)
                .param("group", context.consumerGroup())
                .param("eventId", context.envelope().id())
                .param("type", context.envelope().type())
                .param("orderId", event.orderId())
                .param("customerId", event instanceof OrderPlaced placed ? placed.customerId() : null)
                .param("traceId", span == null ? null : span.context().traceId())
                .param("carried", tracing.capture().get("traceparent"))
                .update();
    }
}
