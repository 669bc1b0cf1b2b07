package dev.orderflow.messaging.tracing;

import dev.orderflow.events.CloudEventHeaders;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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
    Scope restore(Map<String, String> stored, String orderId);

    /**
     * Opens a span named {@code name} as a child of a stored {@code traceparent} and makes it current until closed, so
     * work done later, on another thread (a partner call and its result's outbox rows), stays in the order's trace.
     * Without a stored context, or without a tracer, it changes nothing.
     */
    Continued continueTrace(@Nullable String traceparent, String name, String orderId);

    /**
     * Continues the trace a consumed record carries for the work of its handler: a consumer span named {@code name},
     * current until closed, when the trace is sampled; when it is not, no span at all, and the record's context is what
     * outbox rows written meanwhile carry on, so the next hop is not sampled either (parent-based sampling).
     */
    Continued continueConsumer(Map<String, String> headers, String name, String orderId);

    /**
     * Makes a captured context the one outbox rows written meanwhile carry, without a span: work recorded on another
     * thread than the one that did it (a partner call's answer) stays in its trace. Inside a current span, that span
     * wins.
     */
    Continued carry(Map<String, String> captured);

    /** A span made current by {@link #continueTrace}; closing it ends the span. */
    @FunctionalInterface
    interface Continued extends AutoCloseable {
        @Override
        void close();

        /**
         * The work failed for good (not a passing outage): the span says so; in a trace that is not sampled, a span of
         * its own is recorded for the failure, so errors reach the trace backend whatever the sampling (ADR 0012).
         */
        default void failed(Throwable failure) {}
    }

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
            public Scope restore(Map<String, String> stored, String orderId) {
                return Scope.sending(stored);
            }

            @Override
            public Continued continueTrace(@Nullable String traceparent, String name, String orderId) {
                return () -> {};
            }

            @Override
            public Continued continueConsumer(Map<String, String> headers, String name, String orderId) {
                return () -> {};
            }

            @Override
            public Continued carry(Map<String, String> captured) {
                return () -> {};
            }
        };
    }

    /** Whether a W3C {@code traceparent} says its trace is sampled (flags {@code 01}). */
    static boolean isSampled(@Nullable String traceparent) {
        // 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>
        if (traceparent == null || traceparent.length() < 55) {
            return false;
        }
        return (Character.digit(traceparent.charAt(54), 16) & 1) == 1;
    }

    static boolean isTraceHeader(String name) {
        return CloudEventHeaders.TRACEPARENT.equals(name) || CloudEventHeaders.TRACESTATE.equals(name);
    }
}
