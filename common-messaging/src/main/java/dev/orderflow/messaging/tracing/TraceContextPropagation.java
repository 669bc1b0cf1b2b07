package dev.orderflow.messaging.tracing;

import dev.orderflow.events.CloudEventHeaders;
import java.util.Map;

/**
 * Carries the W3C trace context across the outbox hop: captured when the row is written, restored around the relay's
 * send so the consumer's span continues the trace of the request that wrote the row.
 */
public interface TraceContextPropagation {

    /** The current trace context as {@code traceparent}/{@code tracestate}; empty outside a trace. */
    Map<String, String> capture();

    /**
     * Continues the stored context for the send of one record; the scope's headers go out with the record (a child
     * context when this application traces, the stored headers verbatim when it does not).
     */
    Scope restore(Map<String, String> stored);

    interface Scope extends AutoCloseable {

        Map<String, String> headersToSend();

        @Override
        void close();

        /** A scope that changes no tracing state and only hands these headers to the sender. */
        static Scope sending(Map<String, String> headers) {
            Map<String, String> copy = Map.copyOf(headers);
            return new Scope() {
                @Override
                public Map<String, String> headersToSend() {
                    return copy;
                }

                @Override
                public void close() {}
            };
        }
    }

    /** No tracer in the application: the stored context is forwarded unchanged, so downstream tracing still joins. */
    static TraceContextPropagation passThrough() {
        return new TraceContextPropagation() {
            @Override
            public Map<String, String> capture() {
                return Map.of();
            }

            @Override
            public Scope restore(Map<String, String> stored) {
                return Scope.sending(stored);
            }
        };
    }

    static boolean isTraceHeader(String name) {
        return CloudEventHeaders.TRACEPARENT.equals(name) || CloudEventHeaders.TRACESTATE.equals(name);
    }
}
