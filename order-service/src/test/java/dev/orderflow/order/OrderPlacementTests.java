package dev.orderflow.order;

import static dev.orderflow.order.support.OrderTestKit.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.CloudEventHeaders;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.order.support.OrderServiceIntegrationTest;
import dev.orderflow.order.support.OrderTestKit;
import dev.orderflow.order.support.SagaEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Placing an order starts its saga: OrderPlaced on the orders topic, in the CloudEvents envelope, correlating itself. */
@OrderServiceIntegrationTest
class OrderPlacementTests {

    private final OrderTestKit kit;

    OrderPlacementTests(OrderTestKit kit) {
        this.kit = kit;
    }

    @Test
    void placingAnOrderPublishesOrderPlacedWithTheFullEnvelope() {
        String customerId = customer("placement");
        double placedBefore = kit.counter("orderflow.orders.placed");
        Instant before = Instant.now();

        UUID id = kit.place(customerId);
        Instant after = Instant.now();

        Order order = kit.order(id);
        ConsumerRecord<String, byte[]> record = awaitRecord(id);
        assertThat(record.key()).isEqualTo(id.toString());
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.ORDER_PLACED.name());
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("order-service");
        assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(id.toString());
        assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        String eventId = header(record, CloudEventHeaders.ID);
        // ce_time is when the outbox row was written, in the request's transaction (the relay deletes the row once
        // Kafka has it, so the row itself is gone by now).
        assertThat(Instant.parse(header(record, CloudEventHeaders.TIME))).isBetween(before, after);
        assertThat(eventId).isEqualTo(kit.correlationId(id).toString());
        assertThat(header(record, CloudEventHeaders.CORRELATION_ID)).isEqualTo(eventId);
        assertThat(header(record, CloudEventHeaders.CAUSATION_ID)).isEqualTo(eventId);

        OrderPlaced placed = EventJson.read(record.value(), OrderPlaced.class);
        assertThat(placed)
                .isEqualTo(new OrderPlaced(
                        id,
                        customerId,
                        "ana@example.com",
                        List.of(new OrderLine("SKU-1", 2), new OrderLine("SKU-2", 1)),
                        SagaEvents.ADDRESS,
                        order.createdAt()));
        assertThat(kit.counter("orderflow.orders.placed")).isEqualTo(placedBefore + 1);
    }

    private ConsumerRecord<String, byte[]> awaitRecord(UUID id) {
        String topic = kit.topics().orders();
        return await().atMost(OrderTestKit.WAIT)
                .until(
                        () -> kit.readTopic(topic).stream()
                                .filter(r -> id.toString().equals(r.key()))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
