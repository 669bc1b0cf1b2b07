package dev.orderflow.messaging.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Puts {@code order.id} on every span of an order's trace: a span started inside one that has it (an HTTP client call
 * inside a partner call, a nested observation inside a listener) inherits it. The spans where work on an order begins
 * in a process set it themselves: the order API's request, each listener (the record key), the relay's publish (the
 * row key) and each partner call.
 */
public final class OrderIdSpans implements SpanProcessor {

    /** The attribute, as Micrometer's {@code tag("order.id", ...)} writes it. */
    public static final String ORDER_ID = "order.id";

    private static final AttributeKey<String> KEY = AttributeKey.stringKey(ORDER_ID);

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (span.getAttribute(KEY) != null) {
            return;
        }
        if (Span.fromContext(parentContext) instanceof ReadableSpan parent) {
            String orderId = parent.getAttribute(KEY);
            if (orderId != null) {
                span.setAttribute(KEY, orderId);
            }
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
        return false;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
