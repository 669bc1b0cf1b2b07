package dev.orderflow.messaging;

import static dev.orderflow.messaging.support.MessagingTestApplication.GROUP;
import static dev.orderflow.messaging.support.MessagingTestKit.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.EventTypes;
import dev.orderflow.messaging.support.MessagingIntegrationTest;
import dev.orderflow.messaging.support.MessagingTestKit;
import dev.orderflow.messaging.support.RecordedSpans;
import dev.orderflow.messaging.testkit.PublishedEvents;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

@MessagingIntegrationTest
class TracingTests {

    private final MessagingTestKit kit;
    private final Tracer tracer;
    private final RecordedSpans spans;

    TracingTests(MessagingTestKit kit, Tracer tracer, RecordedSpans spans) {
        this.spans = spans;
        this.kit = kit;
        this.tracer = tracer;
    }

    @Test
    void consumerSpanContinuesTheTraceOfTheRequestThatWroteTheRow() {
        UUID orderId = UUID.randomUUID();
        Span request = tracer.nextSpan().name("POST /api/orders").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            kit.publish(orderPlaced(orderId, "c-traced"));
        } finally {
            request.end();
        }
        String sent = await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                PublishedEvents.of(
                                                kit.jdbc(),
                                                kit.bootstrapServers(),
                                                kit.topics().orders(),
                                                orderId.toString())
                                        .stream()
                                        .map(PublishedEvents.Event::traceparent)
                                        .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertThat(sent)
                .as("the outbox row carries the trace on")
                .contains(request.context().traceId());

        await().atMost(Duration.ofSeconds(30)).until(() -> kit.appliedCount(GROUP, orderId) == 1);
        String consumerTraceId = kit.jdbc()
                .sql("select trace_id from applied_event where consumer_group = :group and order_id = :orderId")
                .param("group", GROUP)
                .param("orderId", orderId)
                .query(String.class)
                .single();
        assertThat(consumerTraceId).isEqualTo(request.context().traceId());
    }

    @Test
    void recordOfAnUnsampledOrderGetsNoSpanAndCarriesItsContextOnToTheNextHop() {
        UUID orderId = UUID.randomUUID();
        String traceId = randomHex(32);
        String unsampled = "00-" + traceId + "-" + randomHex(16) + "-00";

        sendWithTraceparent(orderId, "c-unsampled", unsampled);

        await().atMost(Duration.ofSeconds(30)).until(() -> kit.appliedCount(GROUP, orderId) == 1);
        Map<String, Object> applied = applied(orderId);
        assertThat(applied.get("trace_id")).as("no span while handling it").isNull();
        assertThat(applied.get("carried_traceparent"))
                .as("what its outbox rows carry: the same trace, still not sampled")
                .isEqualTo(unsampled);
        assertThat(spans.ofTrace(traceId)).isEmpty();
    }

    @Test
    void recordOfASampledOrderIsHandledInAConsumerSpanOfItsTrace() {
        UUID orderId = UUID.randomUUID();
        String traceId = randomHex(32);

        sendWithTraceparent(orderId, "c-sampled", "00-" + traceId + "-" + randomHex(16) + "-01");

        await().atMost(Duration.ofSeconds(30)).until(() -> kit.appliedCount(GROUP, orderId) == 1);
        assertThat(applied(orderId).get("trace_id")).isEqualTo(traceId);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !spans.ofTrace(traceId).isEmpty());
        assertThat(spans.ofTrace(traceId))
                .anySatisfy(span -> assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER));
    }

    @Test
    void failureInAnUnsampledOrderIsTracedAnyway() {
        UUID orderId = UUID.randomUUID();
        String traceId = randomHex(32);
        kit.handlers().failUnexpectedly(orderId);

        sendWithTraceparent(orderId, "c-unsampled-failure", "00-" + traceId + "-" + randomHex(16) + "-00");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !kit.deadLetterReasons(GROUP, orderId.toString()).isEmpty());
        assertThat(spans.ofTrace(traceId)).isNotEmpty().allSatisfy(span -> {
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(span.getAttributes().get(AttributeKey.stringKey("order.id")))
                    .isEqualTo(orderId.toString());
        });
        kit.handlers().succeed(orderId);
    }

    private void sendWithTraceparent(UUID orderId, String customerId, String traceparent) {
        Map<String, String> headers = new HashMap<>(EventEnvelope.first(EventTypes.ORDER_PLACED, orderId, Instant.now())
                .toHeaders());
        headers.put("traceparent", traceparent);
        kit.sendRaw(
                kit.topics().orders(), orderId.toString(), headers, EventJson.write(orderPlaced(orderId, customerId)));
    }

    private Map<String, Object> applied(UUID orderId) {
        return kit.jdbc()
                .sql("select trace_id, carried_traceparent from applied_event where consumer_group = :group"
                        + " and order_id = :orderId")
                .param("group", GROUP)
                .param("orderId", orderId)
                .query()
                .singleRow();
    }

    private static String randomHex(int length) {
        StringBuilder hex = new StringBuilder(length);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (hex.length() < length) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }
}
