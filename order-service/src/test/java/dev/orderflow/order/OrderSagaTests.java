package dev.orderflow.order;

import static dev.orderflow.order.support.OrderTestKit.customer;
import static dev.orderflow.order.support.OrderTestKit.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.messaging.Causation;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.order.support.OrderServiceIntegrationTest;
import dev.orderflow.order.support.OrderTestKit;
import dev.orderflow.order.support.OrderTestKit.Published;
import dev.orderflow.order.support.SagaEvents;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.transaction.support.TransactionTemplate;

/** Each reaction of the order to the other services' events, through Kafka and the inbox. */
@OrderServiceIntegrationTest
class OrderSagaTests {

    private final OrderTestKit kit;
    private final Outbox outbox;
    private final TransactionTemplate transactions;

    OrderSagaTests(OrderTestKit kit, Outbox outbox, TransactionTemplate transactions) {
        this.kit = kit;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    @Test
    void stockReservedPricesTheOrderAndPublishesNothing() {
        UUID id = kit.place(customer("saga-reserved"));

        kit.inject(SagaEvents.stockReserved(id));

        Order order = kit.awaitTimeline(id, "StockReserved");
        assertThat(order.status()).isEqualTo(OrderStatus.STOCK_RESERVED);
        assertThat(order.items())
                .extracting(OrderItem::unitPrice)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("12.50"), new BigDecimal("5.00"));
        assertThat(order.total()).isEqualByComparingTo(SagaEvents.TOTAL);
        assertThat(order.currency()).isEqualTo("EUR");
        assertThat(kit.published(id)).extracting(Published::type).containsExactly(EventTypes.ORDER_PLACED.name());
    }

    @ParameterizedTest
    @ValueSource(strings = {StockRejected.OUT_OF_STOCK, StockRejected.UNKNOWN_PRODUCT})
    void stockRejectedCancelsWithInventorysReasonAndPublishesOrderCancelled(String reason) {
        UUID id = kit.place(customer("saga-rejected"));

        EventEnvelope rejected = kit.inject(SagaEvents.stockRejected(id, reason));

        Order order = kit.awaitTimeline(id, "StockRejected");
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(CancellationReason.valueOf(reason));
        assertCancellationPublished(id, reason, rejected.id());
    }

    @Test
    void paymentAuthorizedMarksTheOrderPaid() {
        UUID id = kit.place(customer("saga-paid"));
        kit.inject(SagaEvents.stockReserved(id));
        kit.awaitTimeline(id, "StockReserved");

        kit.inject(SagaEvents.paymentAuthorized(id));

        assertThat(kit.awaitTimeline(id, "PaymentAuthorized").status()).isEqualTo(OrderStatus.PAID);
        assertThat(kit.published(id)).hasSize(1);
    }

    @Test
    void paymentDeclinedCancelsTheOrder() {
        UUID id = kit.place(customer("saga-declined"));
        kit.inject(SagaEvents.stockReserved(id));
        kit.awaitTimeline(id, "StockReserved");

        EventEnvelope declined = kit.inject(SagaEvents.paymentDeclined(id));

        Order order = kit.awaitTimeline(id, "PaymentDeclined");
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(CancellationReason.PAYMENT_DECLINED);
        assertCancellationPublished(id, "PAYMENT_DECLINED", declined.id());
    }

    @Test
    void shipmentScheduledCompletesTheOrderAndPublishesOrderCompletedWithTheTotal() {
        UUID id = kit.place(customer("saga-completed"));
        double completedBefore = kit.counter("orderflow.orders.completed");
        long sagasBefore = kit.timerCount("orderflow.saga.duration", "outcome", "COMPLETED");
        kit.inject(SagaEvents.stockReserved(id));
        kit.awaitTimeline(id, "StockReserved");
        kit.inject(SagaEvents.paymentAuthorized(id));
        kit.awaitTimeline(id, "PaymentAuthorized");

        EventEnvelope scheduled = kit.inject(SagaEvents.shipmentScheduled(id));

        Order order = kit.awaitTimeline(id, "ShipmentScheduled");
        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(events(order))
                .containsExactly("OrderPlaced", "StockReserved", "PaymentAuthorized", "ShipmentScheduled");
        List<Published> completed = kit.published(id, EventTypes.ORDER_COMPLETED.name());
        assertThat(completed).hasSize(1);
        assertThat(completed.getFirst().payload().get("total").asString()).isEqualTo("30.00");
        assertThat(completed.getFirst().payload().get("currency").asString()).isEqualTo("EUR");
        assertThat(completed.getFirst().payload().get("customerEmail").asString())
                .isEqualTo("ana@example.com");
        assertThat(completed.getFirst().correlationId()).isEqualTo(kit.correlationId(id));
        assertThat(completed.getFirst().causationId()).isEqualTo(scheduled.id());
        await().atMost(OrderTestKit.WAIT)
                .until(() -> kit.counter("orderflow.orders.completed") >= completedBefore + 1
                        && kit.timerCount("orderflow.saga.duration", "outcome", "COMPLETED") >= sagasBefore + 1);
    }

    @Test
    void shipmentFailedCancelsTheOrder() {
        UUID id = kit.place(customer("saga-ship-failed"));
        double cancelledBefore = kit.counter("orderflow.orders.cancelled", "reason", "SHIPPING_FAILED");
        kit.inject(SagaEvents.stockReserved(id));
        kit.inject(SagaEvents.paymentAuthorized(id));
        kit.awaitTimeline(id, "PaymentAuthorized");

        EventEnvelope failed = kit.inject(SagaEvents.shipmentFailed(id));

        Order order = kit.awaitTimeline(id, "ShipmentFailed");
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(CancellationReason.SHIPPING_FAILED);
        assertCancellationPublished(id, "SHIPPING_FAILED", failed.id());
        await().atMost(OrderTestKit.WAIT)
                .until(() ->
                        kit.counter("orderflow.orders.cancelled", "reason", "SHIPPING_FAILED") >= cancelledBefore + 1);
    }

    @Test
    void compensationsOfTheParticipantsOnlyAppendToTheTimeline() {
        UUID id = kit.place(customer("saga-compensated"));
        kit.inject(SagaEvents.stockReserved(id));
        kit.inject(SagaEvents.paymentAuthorized(id));
        kit.inject(SagaEvents.shipmentFailed(id));
        kit.awaitTimeline(id, "ShipmentFailed");

        kit.inject(SagaEvents.stockReleased(id));
        kit.inject(SagaEvents.paymentRefunded(id));
        kit.inject(SagaEvents.shipmentCancelled(id));

        kit.awaitTimeline(id, "StockReleased");
        kit.awaitTimeline(id, "PaymentRefunded");
        Order order = kit.awaitTimeline(id, "ShipmentCancelled");
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(CancellationReason.SHIPPING_FAILED);
        assertThat(kit.published(id, EventTypes.ORDER_CANCELLED.name())).hasSize(1);
    }

    @Test
    void eventForAnOrderThisServiceNeverPlacedIsDeadLettered() {
        UUID unknown = UUID.randomUUID();
        UUID saga = UUID.randomUUID();

        transactions.executeWithoutResult(
                status -> outbox.publish(SagaEvents.stockReserved(unknown), Causation.of(saga, saga)));

        await().atMost(OrderTestKit.WAIT)
                .until(() -> kit.jdbc()
                        .sql("select reason from dead_letter where message_key = :key")
                        .param("key", unknown.toString())
                        .query(String.class)
                        .list()
                        .contains("INVALID_PAYLOAD"));
    }

    private void assertCancellationPublished(UUID id, String reason, UUID causeId) {
        List<Published> cancelled = kit.published(id, EventTypes.ORDER_CANCELLED.name());
        assertThat(cancelled).hasSize(1);
        assertThat(cancelled.getFirst().payload().get("reason").asString()).isEqualTo(reason);
        assertThat(cancelled.getFirst().payload().get("customerEmail").asString())
                .isEqualTo("ana@example.com");
        assertThat(cancelled.getFirst().correlationId()).isEqualTo(kit.correlationId(id));
        assertThat(cancelled.getFirst().causationId()).isEqualTo(causeId);
    }
}
