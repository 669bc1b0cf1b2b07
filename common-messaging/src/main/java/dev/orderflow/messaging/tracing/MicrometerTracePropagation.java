package dev.orderflow.messaging.tracing;

import dev.orderflow.events.CloudEventHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Trace propagation through Micrometer Tracing. Restoring starts a short producer span, a child of the writer's span,
 * and hands its context to the relay to send with the record, so the consumer's span is a grandchild of the request.
 * The relay's template is not observed itself: its observation would ask the cluster for its id on every send, which
 * blocks while Kafka is down.
 */
public final class MicrometerTracePropagation implements TraceContextPropagation {

    private final Tracer tracer;
    private final Propagator propagator;

    public MicrometerTracePropagation(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Map<String, String> capture() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return Map.of();
        }
        return inject(span);
    }

    @Override
    public Scope restore(Map<String, String> stored, String orderId) {
        if (stored.get(CloudEventHeaders.TRACEPARENT) == null) {
            return Scope.sending(Map.of());
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

    private Map<String, String> inject(Span span) {
        Map<String, String> headers = new HashMap<>();
        propagator.inject(span.context(), headers, Map::put);
        headers.keySet().removeIf(name -> !TraceContextPropagation.isTraceHeader(name));
        return headers;
    }
}
