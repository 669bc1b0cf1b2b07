package dev.orderflow.messaging.tracing;

import dev.orderflow.events.CloudEventHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Trace propagation through Micrometer Tracing. Restoring starts a short producer span, a child of the writer's span,
 * and hands its context to the relay to send with the record, so the consumer's span is a grandchild of the request.
 * The relay's template is not observed itself: its observation would ask the cluster for its id on every send, which
 * blocks while Kafka is down.
 */
public final class MicrometerTracePropagation implements TraceContextPropagation {

    private final Tracer tracer;
    private final Propagator propagator;

    /**
     * The context of a record being handled whose trace is not sampled: no span exists for it, and outbox rows written
     * meanwhile carry this context on, so no later hop starts a trace of its own for the same order.
     */
    private final ThreadLocal<Map<String, String>> unsampled = new ThreadLocal<>();

    /** The log fields Spring Boot's log correlation fills from the span in scope. */
    private static final String TRACE_ID = "traceId";

    private static final String SPAN_ID = "spanId";

    public MicrometerTracePropagation(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Map<String, String> capture() {
        Span span = tracer.currentSpan();
        if (span == null) {
            Map<String, String> carried = unsampled.get();
            return carried == null ? Map.of() : carried;
        }
        return inject(span);
    }

    @Override
    public Scope restore(Map<String, String> stored, String orderId) {
        if (stored.get(CloudEventHeaders.TRACEPARENT) == null) {
            return Scope.sending(Map.of());
        }
        if (!TraceContextPropagation.isSampled(stored.get(CloudEventHeaders.TRACEPARENT))) {
            // Not sampled: no producer span; the context travels on as it is, still not sampled.
            return Scope.sending(stored);
        }
        Span span = propagator
                .extract(stored, Map::get)
                .name("outbox publish")
                .kind(Span.Kind.PRODUCER)
                .tag(OrderIdSpans.ORDER_ID, orderId)
                .start();
        Map<String, String> toSend = inject(span);
        return new Scope() {
            @Override
            public Map<String, String> headersToSend() {
                return toSend;
            }

            @Override
            public void close() {
                span.end();
            }
        };
    }

    @Override
    public Continued continueTrace(@Nullable String traceparent, String name, String orderId) {
        if (traceparent == null || traceparent.isBlank()) {
            return () -> {};
        }
        if (!TraceContextPropagation.isSampled(traceparent)) {
            return carry(Map.of(CloudEventHeaders.TRACEPARENT, traceparent));
        }
        Span span = propagator
                .extract(Map.of(CloudEventHeaders.TRACEPARENT, traceparent), Map::get)
                .name(name)
                .tag(OrderIdSpans.ORDER_ID, orderId)
                .start();
        Tracer.SpanInScope scope = tracer.withSpan(span);
        return () -> {
            scope.close();
            span.end();
        };
    }

    @Override
    public Continued continueConsumer(Map<String, String> headers, String name, String orderId) {
        String traceparent = headers.get(CloudEventHeaders.TRACEPARENT);
        if (traceparent == null) {
            return () -> {};
        }
        if (!TraceContextPropagation.isSampled(traceparent)) {
            Continued carried = carry(headers);
            return new Continued() {
                @Override
                public void close() {
                    carried.close();
                }

                @Override
                public void failed(Throwable failure) {
                    recordFailure(traceparent, name, orderId, failure);
                }
            };
        }
        Span span = propagator
                .extract(headers, Map::get)
                .name(name)
                .kind(Span.Kind.CONSUMER)
                .tag(OrderIdSpans.ORDER_ID, orderId)
                .start();
        Tracer.SpanInScope scope = tracer.withSpan(span);
        return new Continued() {
            @Override
            public void close() {
                scope.close();
                span.end();
            }

            @Override
            public void failed(Throwable failure) {
                span.error(failure);
            }
        };
    }

    /** One error span in an unsampled trace: the same trace id, marked sampled from here on so it is exported. */
    private void recordFailure(String traceparent, String name, String orderId, Throwable failure) {
        String sampled = traceparent.substring(0, traceparent.length() - 2) + "01";
        propagator
                .extract(Map.of(CloudEventHeaders.TRACEPARENT, sampled), Map::get)
                .name(name)
                .kind(Span.Kind.CONSUMER)
                .tag(OrderIdSpans.ORDER_ID, orderId)
                .start()
                .error(failure)
                .end();
    }

    /** Makes a context (an unsampled one, or one captured on another thread) the one outbox rows carry, until closed. */
    @Override
    public Continued carry(Map<String, String> headers) {
        if (headers.get(CloudEventHeaders.TRACEPARENT) == null) {
            return () -> {};
        }
        Map<String, String> previous = unsampled.get();
        unsampled.set(Map.copyOf(headers));
        // No span is in scope, so nothing puts the trace in the log lines written meanwhile: this does.
        String traceparent = headers.get(CloudEventHeaders.TRACEPARENT);
        String[] parts = traceparent.split("-");
        boolean logged = parts.length == 4 && MDC.get(TRACE_ID) == null;
        if (logged) {
            MDC.put(TRACE_ID, parts[1]);
            MDC.put(SPAN_ID, parts[2]);
        }
        return () -> {
            if (logged) {
                MDC.remove(TRACE_ID);
                MDC.remove(SPAN_ID);
            }
            if (previous == null) {
                unsampled.remove();
            } else {
                unsampled.set(previous);
            }
        };
    }

    private Map<String, String> inject(Span span) {
        Map<String, String> headers = new HashMap<>();
        propagator.inject(span.context(), headers, Map::put);
        headers.keySet().removeIf(name -> !TraceContextPropagation.isTraceHeader(name));
        return headers;
    }
}
