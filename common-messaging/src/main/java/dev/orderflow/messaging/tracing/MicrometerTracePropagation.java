package dev.orderflow.messaging.tracing;

import dev.orderflow.events.CloudEventHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;

/**
 * Trace propagation through Micrometer Tracing. Restoring starts a short producer span, a child of the writer's span,
 * around the send; the observed Kafka template then injects the context of its own child span into the record.
 */
public final class MicrometerTracePropagation implements TraceContextPropagation {

    private final Tracer tracer;
    private final Propagator propagator;
    private final boolean senderInjects;

    public MicrometerTracePropagation(Tracer tracer, Propagator propagator, boolean senderInjects) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.senderInjects = senderInjects;
    }

    @Override
    public Map<String, String> capture() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return Map.of();
        }
        Map<String, String> headers = new HashMap<>();
        propagator.inject(span.context(), headers, Map::put);
        headers.keySet().removeIf(name -> !TraceContextPropagation.isTraceHeader(name));
        return headers;
    }

    @Override
    public Scope restore(Map<String, String> stored) {
        if (stored.get(CloudEventHeaders.TRACEPARENT) == null) {
            return Scope.sending(Map.of());
        }
        Span span = propagator
                .extract(stored, Map::get)
                .name("outbox relay")
                .kind(Span.Kind.PRODUCER)
                .start();
        Tracer.SpanInScope inScope = tracer.withSpan(span);
        Map<String, String> toSend;
        if (senderInjects) {
            toSend = Map.of();
        } else {
            toSend = new HashMap<>();
            propagator.inject(span.context(), toSend, Map::put);
        }
        return new Scope() {
            @Override
            public Map<String, String> headersToSend() {
                return toSend;
            }

            @Override
            public void close() {
                inScope.close();
                span.end();
            }
        };
    }
}
