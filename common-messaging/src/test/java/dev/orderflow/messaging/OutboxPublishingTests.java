package dev.orderflow.messaging;

import static dev.orderflow.messaging.support.MessagingTestKit.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.CloudEventHeaders;
import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.messaging.support.MessagingIntegrationTest;
import dev.orderflow.messaging.support.MessagingTestApplication;
import dev.orderflow.messaging.support.MessagingTestKit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@MessagingIntegrationTest
class OutboxPublishingTests {

    private final MessagingTestKit kit;
    private final Outbox outbox;

    OutboxPublishingTests(MessagingTestKit kit, Outbox outbox) {
        this.kit = kit;
        this.outbox = outbox;
    }

    @Test
    void rolledBackTransactionPublishesNothing() {
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();
        kit.transactions().executeWithoutResult(status -> {
            outbox.publish(orderPlaced(rolledBack, "c-rollback"), Causation.newSaga());
            status.setRollbackOnly();
        });
        kit.publish(orderPlaced(committed, "c-commit"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kit.appliedCount(MessagingTestApplication.GROUP, committed) == 1);
        List<ConsumerRecord<String, byte[]>> records =
                kit.readTopic(kit.topics().orders());
        assertThat(records).extracting(ConsumerRecord::key).contains(committed.toString());
        assertThat(records).extracting(ConsumerRecord::key).doesNotContain(rolledBack.toString());
        assertThat(kit.appliedCount(MessagingTestApplication.GROUP, rolledBack)).isZero();
        assertThat(kit.jdbc()
                        .sql("select count(*) from outbox_event where message_key = :key")
                        .param("key", rolledBack.toString())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void committedEventsArePublishedInPerKeyInsertionOrder() {
        List<UUID> orders = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        int perOrder = 40;
        for (int seq = 0; seq < perOrder; seq += 4) {
            List<OrderPlaced> batch = new ArrayList<>();
            for (int i = seq; i < seq + 4; i++) {
                for (UUID order : orders) {
                    batch.add(orderPlaced(order, "seq-" + i));
                }
            }
            kit.publishAll(batch);
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        orders.stream().allMatch(o -> kit.appliedCount(MessagingTestApplication.GROUP, o) == perOrder));
        Set<String> keys = Set.copyOf(orders.stream().map(UUID::toString).toList());
        Map<String, List<Integer>> topicOrder = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : kit.readTopic(kit.topics().orders())) {
            if (keys.contains(record.key())) {
                OrderPlaced event = EventJson.read(record.value(), OrderPlaced.class);
                topicOrder.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(sequence(event.customerId()));
            }
        }
        List<Integer> expected =
                java.util.stream.IntStream.range(0, perOrder).boxed().toList();
        for (UUID order : orders) {
            assertThat(topicOrder.get(order.toString())).containsExactlyElementsOf(expected);
            assertThat(kit.appliedCustomerIds(MessagingTestApplication.GROUP, order).stream()
                            .map(OutboxPublishingTests::sequence)
                            .toList())
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void publishedRecordCarriesTheCloudEventsEnvelopeWrittenWithTheRow() {
        UUID orderId = UUID.randomUUID();
        OrderPlaced event = orderPlaced(orderId, "c-envelope");
        EventEnvelope envelope = kit.publish(event);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kit.appliedCount(MessagingTestApplication.GROUP, orderId) == 1);
        ConsumerRecord<String, byte[]> record = kit.readTopic(kit.topics().orders()).stream()
                .filter(r -> orderId.toString().equals(r.key()))
                .findFirst()
                .orElseThrow();
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(envelope.id().toString());
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.ORDER_PLACED.name());
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("order-service");
        assertThat(header(record, CloudEventHeaders.TIME))
                .isEqualTo(envelope.time().toString());
        assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(orderId.toString());
        assertThat(header(record, CloudEventHeaders.CORRELATION_ID))
                .isEqualTo(envelope.id().toString());
        assertThat(header(record, CloudEventHeaders.CAUSATION_ID))
                .isEqualTo(envelope.id().toString());
        assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(EventJson.writeString(event));
    }

    @Test
    void outboxRefusesWritesOutsideATransaction() {
        assertThatThrownBy(() -> outbox.publish(orderPlaced(UUID.randomUUID(), "c-no-tx"), Causation.newSaga()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transaction");
    }

    private static int sequence(String customerId) {
        return Integer.parseInt(customerId.substring("seq-".length()));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
