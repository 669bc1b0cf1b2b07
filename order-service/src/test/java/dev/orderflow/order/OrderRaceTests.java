package dev.orderflow.order;

import static dev.orderflow.order.support.OrderTestKit.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.order.support.OrderServiceIntegrationTest;
import dev.orderflow.order.support.OrderTestKit;
import dev.orderflow.order.support.OrderTestKit.Published;
import dev.orderflow.order.support.SagaEvents;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

/** Late, out-of-order and racing events: status only moves forward and each outcome is announced exactly once. */
@OrderServiceIntegrationTest
class OrderRaceTests {

    private final OrderTestKit kit;
    private final MockMvc mvc;

    OrderRaceTests(OrderTestKit kit, MockMvc mvc) {
        this.kit = kit;
        this.mvc = mvc;
    }

    @Test
    void paymentBeforeTheReservationIsHeldAndTheReservationThenMovesTheOrderToPaid() {
        UUID id = kit.place(customer("race-paid-first"));

        kit.awaitHandled(kit.inject(SagaEvents.paymentAuthorized(id)));
        assertThat(kit.order(id).status()).isEqualTo(OrderStatus.PENDING);
        assertThat(OrderTestKit.events(kit.order(id))).containsExactly("OrderPlaced");
        kit.inject(SagaEvents.stockReserved(id));

        Order order = kit.awaitTimeline(id, "StockReserved");
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(OrderTestKit.events(order)).containsExactly("OrderPlaced", "StockReserved", "PaymentAuthorized");
        assertThat(order.items()).extracting(OrderItem::unitPrice).doesNotContainNull();
        assertThat(order.total()).isEqualByComparingTo(SagaEvents.TOTAL);
    }

    @Test
    void lateEventsForACompletedOrderOnlyAppendToItsTimeline() {
        UUID id = completedOrder("race-completed");

        kit.inject(SagaEvents.stockRejected(id, StockRejected.OUT_OF_STOCK));
        kit.inject(SagaEvents.paymentDeclined(id));
        kit.inject(SagaEvents.shipmentFailed(id));

        kit.awaitTimeline(id, "StockRejected");
        kit.awaitTimeline(id, "PaymentDeclined");
        Order order = kit.awaitTimeline(id, "ShipmentFailed");
        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(order.cancellationReason()).isNull();
        assertThat(order.timeline().subList(4, 7))
                .extracting(TimelineEntry::status)
                .containsOnly(OrderStatus.COMPLETED);
        assertThat(kit.published(id))
                .extracting(Published::type)
                .containsExactly(EventTypes.ORDER_PLACED.name(), EventTypes.ORDER_COMPLETED.name());
    }

    @Test
    void reservationArrivingAfterTheCustomerCancelledLeavesTheOrderCancelledAndCancelledOnce() throws Exception {
        UUID id = kit.place(customer("race-cancel-first"));

        mvc.perform(post("/api/orders/{id}/cancel", id))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(202));
        kit.inject(SagaEvents.stockReserved(id));
        kit.inject(SagaEvents.paymentAuthorized(id));
        kit.awaitTimeline(id, "StockReserved");
        kit.inject(SagaEvents.shipmentScheduled(id));

        Order order = kit.awaitTimeline(id, "ShipmentScheduled");
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(CancellationReason.CUSTOMER_CANCELLED);
        assertThat(order.total()).isNull();
        List<Published> cancelled = kit.published(id, EventTypes.ORDER_CANCELLED.name());
        assertThat(cancelled).hasSize(1);
        assertThat(cancelled.getFirst().payload().get("reason").asString()).isEqualTo("CUSTOMER_CANCELLED");
        // Nothing had happened to the order yet: its OrderPlaced is the cause.
        assertThat(cancelled.getFirst().causationId()).isEqualTo(kit.correlationId(id));
        assertThat(cancelled.getFirst().correlationId()).isEqualTo(kit.correlationId(id));
        assertThat(kit.published(id, EventTypes.ORDER_COMPLETED.name())).isEmpty();
    }

    @Test
    void customerCancellationIsCausedByTheLastEventTheOrderReceived() throws Exception {
        UUID id = kit.place(customer("race-cancel-after-reservation"));
        EventEnvelope reserved = kit.inject(SagaEvents.stockReserved(id));
        kit.awaitTimeline(id, "StockReserved");

        mvc.perform(post("/api/orders/{id}/cancel", id))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(202));

        List<Published> cancelled = kit.published(id, EventTypes.ORDER_CANCELLED.name());
        assertThat(cancelled).hasSize(1);
        assertThat(cancelled.getFirst().causationId()).isEqualTo(reserved.id());
        Order order = kit.order(id);
        assertThat(order.total()).isEqualByComparingTo(new BigDecimal("30.00"));
        assertThat(OrderTestKit.events(order)).endsWith("CancellationRequested");
    }

    @Test
    void customerCancellationRacingARejectionCancelsTheOrderExactlyOnce() throws Exception {
        UUID id = kit.place(customer("race-cancel-vs-reject"));

        kit.inject(SagaEvents.stockRejected(id, StockRejected.OUT_OF_STOCK));
        int status = mvc.perform(post("/api/orders/{id}/cancel", id))
                .andReturn()
                .getResponse()
                .getStatus();

        Order order = kit.awaitTimeline(id, "StockRejected");
        assertThat(status).isIn(202, 409);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason())
                .isEqualTo(status == 202 ? CancellationReason.CUSTOMER_CANCELLED : CancellationReason.OUT_OF_STOCK);
        assertThat(kit.published(id, EventTypes.ORDER_CANCELLED.name())).hasSize(1);
    }

    private UUID completedOrder(String name) {
        UUID id = kit.place(customer(name));
        assertThat(kit.complete(id).status()).isEqualTo(OrderStatus.COMPLETED);
        return id;
    }
}
