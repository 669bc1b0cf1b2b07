package dev.orderflow.messaging;

import static dev.orderflow.messaging.support.MessagingTestApplication.GROUP;
import static dev.orderflow.messaging.support.MessagingTestApplication.OTHER_GROUP;
import static dev.orderflow.messaging.support.MessagingTestKit.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.DeadLetterHeaders;
import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.Topics;
import dev.orderflow.events.order.OrderCompleted;
import dev.orderflow.messaging.support.MessagingIntegrationTest;
import dev.orderflow.messaging.support.MessagingTestKit;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@MessagingIntegrationTest
class ConsumerErrorHandlingTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final MessagingTestKit kit;

    ConsumerErrorHandlingTests(MessagingTestKit kit) {
        this.kit = kit;
    }

    @Test
    void poisonMessageLandsInTheDeadLetterTopicWithItsReasonAndTheNextMessageIsProcessed() {
        UUID orderId = UUID.randomUUID();
        kit.sendRaw(
                kit.topics().orders(), orderId.toString(), Map.of(), "not an event".getBytes(StandardCharsets.UTF_8));
        kit.publish(orderPlaced(orderId, "c-after-poison"));

        await().atMost(WAIT).until(() -> kit.appliedCount(GROUP, orderId) == 1);
        await().atMost(WAIT)
                .until(() -> !kit.deadLetterReasons(GROUP, orderId.toString()).isEmpty());
        assertThat(kit.deadLetterReasons(GROUP, orderId.toString())).containsExactly("UNREADABLE");
        List<ConsumerRecord<String, byte[]>> deadLetters =
                kit.readTopic(Topics.deadLetter(kit.topics().orders(), GROUP)).stream()
                        .filter(r -> orderId.toString().equals(r.key()))
                        .toList();
        assertThat(deadLetters).hasSize(1);
        assertThat(header(deadLetters.getFirst(), DeadLetterHeaders.REASON)).isEqualTo("UNREADABLE");
        assertThat(header(deadLetters.getFirst(), DeadLetterHeaders.DETAIL)).contains("ce_specversion");
        assertThat(new String(deadLetters.getFirst().value(), StandardCharsets.UTF_8))
                .isEqualTo("not an event");
    }

    @Test
    void invalidPayloadOfAHandledTypeIsDeadLetteredAtOnceWithoutCallingTheHandler() {
        UUID orderId = UUID.randomUUID();
        EventEnvelope envelope = EventEnvelope.first(EventTypes.ORDER_PLACED, orderId, Instant.now());
        String missingEmail = "{\"orderId\":\"" + orderId + "\",\"customerId\":\"c-1\",\"items\":[{\"sku\":\"SKU-1\","
                + "\"quantity\":2}],\"shippingAddress\":{\"name\":\"Ana\",\"line1\":\"Main St 1\",\"city\":\"Berlin\","
                + "\"postalCode\":\"10115\",\"country\":\"DE\"},\"placedAt\":\"2026-11-22T10:00:00Z\"}";
        kit.sendRaw(
                kit.topics().orders(),
                orderId.toString(),
                envelope.toHeaders(),
                missingEmail.getBytes(StandardCharsets.UTF_8));

        await().atMost(WAIT)
                .until(() -> !kit.deadLetterReasons(GROUP, orderId.toString()).isEmpty());
        assertThat(kit.deadLetterReasons(GROUP, orderId.toString())).containsExactly("INVALID_PAYLOAD");
        assertThat(kit.jdbc()
                        .sql("select detail from dead_letter where consumer_group = :group and message_key = :key")
                        .param("group", GROUP)
                        .param("key", orderId.toString())
                        .query(String.class)
                        .single())
                .contains("customerEmail");
        assertThat(kit.handlers().attempts(GROUP, orderId)).isZero();
        assertThat(kit.appliedCount(GROUP, orderId)).isZero();
    }

    @Test
    void transientHandlerFailureIsRetriedAndNotDeadLettered() {
        UUID orderId = UUID.randomUUID();
        kit.handlers().failTransiently(orderId, 3);
        kit.publish(orderPlaced(orderId, "c-transient"));

        await().atMost(WAIT).until(() -> kit.appliedCount(GROUP, orderId) == 1);
        assertThat(kit.handlers().attempts(GROUP, orderId)).isEqualTo(4);
        assertThat(kit.deadLetterReasons(GROUP, orderId.toString())).isEmpty();
        assertThat(kit.counter("orderflow.consumer.failures", "group", GROUP, "kind", "TRANSIENT"))
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void unexpectedExceptionIsRetriedAFewTimesThenDeadLettered() {
        UUID orderId = UUID.randomUUID();
        kit.handlers().failUnexpectedly(orderId);
        kit.publish(orderPlaced(orderId, "c-unexpected"));

        await().atMost(WAIT)
                .until(() -> !kit.deadLetterReasons(GROUP, orderId.toString()).isEmpty());
        assertThat(kit.deadLetterReasons(GROUP, orderId.toString())).containsExactly("HANDLER_FAILED");
        // One delivery plus the two configured retries.
        assertThat(kit.handlers().attempts(GROUP, orderId)).isEqualTo(3);
        assertThat(kit.appliedCount(GROUP, orderId)).isZero();
        // The other group handled the same record; the failure stays with the group that failed.
        await().atMost(WAIT).until(() -> kit.appliedCount(OTHER_GROUP, orderId) == 1);
        assertThat(kit.deadLetterReasons(OTHER_GROUP, orderId.toString())).isEmpty();
    }

    @Test
    void eventTypeTheConsumerDoesNotHandleIsSkippedAndCounted() {
        UUID orderId = UUID.randomUUID();
        double skippedBefore = kit.counter("orderflow.consumer.skipped", "group", GROUP);
        kit.publish(new OrderCompleted(orderId, new BigDecimal("59.80"), "EUR", "ana@example.com"));
        EventEnvelope future = new EventEnvelope(
                UUID.randomUUID(),
                "dev.orderflow.order.gift-wrapped.v1",
                "order-service",
                Instant.now(),
                orderId.toString(),
                UUID.randomUUID(),
                UUID.randomUUID());
        kit.sendRaw(
                kit.topics().orders(),
                orderId.toString(),
                future.toHeaders(),
                "{\"orderId\":\"%s\",\"paper\":\"gold\"}".formatted(orderId).getBytes(StandardCharsets.UTF_8));
        kit.publish(orderPlaced(orderId, "c-after-unhandled"));

        await().atMost(WAIT).until(() -> kit.appliedCount(GROUP, orderId) == 1);
        assertThat(kit.counter("orderflow.consumer.skipped", "group", GROUP) - skippedBefore)
                .isEqualTo(2);
        // ce_type is whatever the producer wrote: a type this version does not know counts as "unknown", so a flood of
        // invented types cannot flood the metrics with series.
        assertThat(kit.counter("orderflow.consumer.skipped", "group", GROUP, "type", "unknown"))
                .isGreaterThanOrEqualTo(1);
        assertThat(kit.counter(
                        "orderflow.consumer.skipped", "group", GROUP, "type", "dev.orderflow.order.gift-wrapped.v1"))
                .isZero();
        assertThat(kit.deadLetterReasons(GROUP, orderId.toString())).isEmpty();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
