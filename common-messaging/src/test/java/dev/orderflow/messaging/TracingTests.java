package dev.orderflow.messaging;

import static dev.orderflow.messaging.support.MessagingTestApplication.GROUP;
import static dev.orderflow.messaging.support.MessagingTestKit.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.messaging.support.MessagingIntegrationTest;
import dev.orderflow.messaging.support.MessagingTestKit;
import dev.orderflow.messaging.testkit.PublishedEvents;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@MessagingIntegrationTest
class TracingTests {

    private final MessagingTestKit kit;
    private final Tracer tracer;

    TracingTests(MessagingTestKit kit, Tracer tracer) {
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
}
