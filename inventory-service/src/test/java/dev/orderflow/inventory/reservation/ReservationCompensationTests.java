package dev.orderflow.inventory.reservation;

import static dev.orderflow.inventory.reservation.StockReservationTests.assertStock;
import static dev.orderflow.inventory.support.InventoryTestKit.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.CloudEventHeaders;
import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.inventory.StockReleased;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.order.CancellationReasons;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.order.OrderCompleted;
import dev.orderflow.inventory.support.InventoryIntegrationTest;
import dev.orderflow.inventory.support.InventoryTestKit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;

@InventoryIntegrationTest
class ReservationCompensationTests {

    private final InventoryTestKit kit;
    private final KafkaTemplate<String, byte[]> kafka;
    private final MeterRegistry meters;

    ReservationCompensationTests(
            InventoryTestKit kit, KafkaTemplate<String, byte[]> orderflowKafkaTemplate, MeterRegistry meters) {
        this.kit = kit;
        this.kafka = orderflowKafkaTemplate;
        this.meters = meters;
    }

    @Test
    void cancellationReleasesReservedStockExactlyOnce() throws Exception {
        String sku = InventoryTestKit.newSku("MUG");
        kit.product(sku, "12.50", 10);
        UUID orderId = UUID.randomUUID();
        kit.awaitHandled(kit.publish(orderPlaced(orderId, new OrderLine(sku, 4))));
        EventEnvelope cancelled = kit.publish(cancellation(orderId, CancellationReasons.PAYMENT_DECLINED));
        kit.awaitHandled(cancelled);

        // The same record delivered again, as after a consumer crash before its offset commit...
        double duplicatesBefore = duplicatesOfCancellations();
        redeliver(cancelled);
        await().atMost(Duration.ofSeconds(60)).until(() -> duplicatesOfCancellations() > duplicatesBefore);
        // ...and a second cancellation of the order under a new event id.
        kit.awaitHandled(kit.publish(cancellation(orderId, CancellationReasons.TIMED_OUT)));

        var published = kit.publishedFor(orderId);
        assertThat(published)
                .extracting(InventoryTestKit.Published::type)
                .containsExactly(EventTypes.STOCK_RESERVED.name(), EventTypes.STOCK_RELEASED.name());
        StockReserved reserved = published.get(0).as(EventTypes.STOCK_RESERVED);
        StockReleased released = published.get(1).as(EventTypes.STOCK_RELEASED);
        assertThat(released.reservationId()).isEqualTo(reserved.reservationId());
        assertThat(published.get(1).causationId()).isEqualTo(cancelled.id());
        assertThat(kit.stockOf(sku)).satisfies(p -> assertStock(p, 10, 10, 0, 0));
        assertThat(kit.reservationState(orderId)).isEqualTo("RELEASED");
    }

    @Test
    void cancellationBeforePlacementLeavesATombstoneSoTheLateOrderIsNeverReserved() {
        String sku = InventoryTestKit.newSku("MUG");
        kit.product(sku, "12.50", 10);
        UUID orderId = UUID.randomUUID();

        kit.awaitHandled(kit.publish(cancellation(orderId, CancellationReasons.TIMED_OUT)));
        assertThat(kit.reservationState(orderId)).isEqualTo("CANCELLED");
        kit.awaitHandled(kit.publish(orderPlaced(orderId, new OrderLine(sku, 4))));

        assertThat(kit.publishedFor(orderId)).isEmpty();
        assertThat(kit.stockOf(sku)).satisfies(p -> assertStock(p, 10, 10, 0, 0));
        assertThat(kit.reservationState(orderId)).isEqualTo("CANCELLED");
    }

    @Test
    void completionMovesTheReservationToSoldAndALaterCancellationReleasesNothing() {
        String sku = InventoryTestKit.newSku("MUG");
        kit.product(sku, "12.50", 10);
        UUID orderId = UUID.randomUUID();
        kit.awaitHandled(kit.publish(orderPlaced(orderId, new OrderLine(sku, 4))));

        kit.awaitHandled(kit.publish(new OrderCompleted(orderId, new BigDecimal("50.00"), "EUR", "ana@example.com")));
        assertThat(kit.stockOf(sku)).satisfies(p -> assertStock(p, 10, 6, 0, 4));
        assertThat(kit.reservationState(orderId)).isEqualTo("SOLD");

        kit.awaitHandled(kit.publish(cancellation(orderId, CancellationReasons.CUSTOMER_CANCELLED)));
        assertThat(kit.publishedFor(orderId))
                .extracting(InventoryTestKit.Published::type)
                .containsExactly(EventTypes.STOCK_RESERVED.name());
        assertThat(kit.stockOf(sku)).satisfies(p -> assertStock(p, 10, 6, 0, 4));
    }

    private static OrderCancelled cancellation(UUID orderId, String reason) {
        return new OrderCancelled(orderId, reason, "ana@example.com");
    }

    private void redeliver(EventEnvelope envelope) throws Exception {
        ConsumerRecord<String, byte[]> original = kit.readTopic(kit.ordersTopic()).stream()
                .filter(r -> envelope.id().toString().equals(header(r, CloudEventHeaders.ID)))
                .findFirst()
                .orElseThrow();
        kafka.send(new ProducerRecord<>(original.topic(), null, original.key(), original.value(), original.headers()))
                .get(30, TimeUnit.SECONDS);
    }

    private double duplicatesOfCancellations() {
        return Search.in(meters)
                .name("orderflow.inbox.duplicates")
                .tags("group", InventoryTestKit.GROUP, "type", EventTypes.ORDER_CANCELLED.name())
                .counters()
                .stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
