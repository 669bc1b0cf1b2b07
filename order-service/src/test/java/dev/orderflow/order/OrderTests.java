package dev.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderflow.events.InvalidPayloadException;
import dev.orderflow.events.PricedLine;
import dev.orderflow.events.ShippingAddress;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.order.OrderCompleted;
import dev.orderflow.events.order.OrderEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class OrderTests {

    private static final Instant PLACED = Instant.parse("2026-11-22T10:00:00Z");
    private static final List<PricedLine> LINES = List.of(
            new PricedLine("SKU-1", 2, new BigDecimal("12.50")), new PricedLine("SKU-2", 1, new BigDecimal("5.00")));
    private static final BigDecimal TOTAL = new BigDecimal("30.00");

    private final UUID correlationId = UUID.randomUUID();
    private final Order order = Order.place(
            UUID.randomUUID(),
            "c-1",
            "ana@example.com",
            new ShippingAddress("Ana", "Main St 1", null, "Berlin", "10115", "DE"),
            List.of(new OrderItem("SKU-1", 2, null), new OrderItem("SKU-2", 1, null)),
            correlationId,
            PLACED,
            Duration.ofMinutes(5));
    private int minute;

    @Test
    void placedOrderIsPendingUnpricedAndCorrelatedWithItsOrderPlaced() {
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.total()).isNull();
        assertThat(order.currency()).isNull();
        assertThat(order.items()).extracting(OrderItem::unitPrice).containsOnlyNulls();
        assertThat(order.lastEventId()).isEqualTo(correlationId);
        assertThat(order.timeline()).containsExactly(new TimelineEntry(OrderStatus.PENDING, "OrderPlaced", PLACED));
        assertThat(order.deadlineAt()).isEqualTo(PLACED.plus(Duration.ofMinutes(5)));
    }

    @Test
    void happyPathMovesForwardStepByStepAndAnnouncesCompletionWithTheTotal() {
        order.reserveStock(LINES, TOTAL, "EUR", next("StockReserved"));
        assertThat(order.status()).isEqualTo(OrderStatus.STOCK_RESERVED);
        assertThat(order.items())
                .extracting(OrderItem::unitPrice)
                .containsExactly(new BigDecimal("12.50"), new BigDecimal("5.00"));
        assertThat(order.total()).isEqualTo(TOTAL);

        order.markPaid(next("PaymentAuthorized"));
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.takeAnnouncements()).isEmpty();

        order.complete(next("ShipmentScheduled"));
        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(order.takeAnnouncements())
                .containsExactly(new OrderCompleted(order.id(), TOTAL, "EUR", "ana@example.com"));
        assertThat(order.timeline())
                .extracting(TimelineEntry::status)
                .containsExactly(
                        OrderStatus.PENDING, OrderStatus.STOCK_RESERVED, OrderStatus.PAID, OrderStatus.COMPLETED);
    }

    @Test
    void paymentLearnedBeforeTheReservationIsHeldUntilTheReservationThenApplied() {
        Instant paidAt = next("PaymentAuthorized").at();
        order.markPaid(new Trigger("PaymentAuthorized", UUID.randomUUID(), paidAt));

        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.timeline()).extracting(TimelineEntry::event).containsExactly("OrderPlaced");

        order.reserveStock(LINES, TOTAL, "EUR", next("StockReserved"));

        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.items()).extracting(OrderItem::unitPrice).doesNotContainNull();
        assertThat(order.total()).isEqualTo(TOTAL);
        assertThat(order.timeline())
                .containsExactly(
                        new TimelineEntry(OrderStatus.PENDING, "OrderPlaced", PLACED),
                        new TimelineEntry(OrderStatus.STOCK_RESERVED, "StockReserved", at()),
                        new TimelineEntry(OrderStatus.PAID, "PaymentAuthorized", paidAt));
    }

    @Test
    void answersLearnedInTheWorstOrderAreAppliedInSagaOrderEachAtTheTimeItWasLearned() {
        Trigger shipped = next("ShipmentScheduled");
        Trigger paid = next("PaymentAuthorized");
        Trigger reserved = next("StockReserved");

        order.complete(shipped);
        order.markPaid(paid);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.takeAnnouncements()).isEmpty();
        order.reserveStock(LINES, TOTAL, "EUR", reserved);

        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(order.statusChangedAt()).isEqualTo(reserved.at());
        assertThat(order.timeline())
                .containsExactly(
                        new TimelineEntry(OrderStatus.PENDING, "OrderPlaced", PLACED),
                        new TimelineEntry(OrderStatus.STOCK_RESERVED, "StockReserved", reserved.at()),
                        new TimelineEntry(OrderStatus.PAID, "PaymentAuthorized", paid.at()),
                        new TimelineEntry(OrderStatus.COMPLETED, "ShipmentScheduled", shipped.at()));
        assertThat(order.takeAnnouncements())
                .containsExactly(new OrderCompleted(order.id(), TOTAL, "EUR", "ana@example.com"));
        assertThat(order.lastEventId()).isEqualTo(reserved.eventId());
    }

    @Test
    void shipmentLearnedBeforeThePaymentWaitsForItOnAReservedOrder() {
        order.reserveStock(LINES, TOTAL, "EUR", next("StockReserved"));
        order.complete(next("ShipmentScheduled"));

        assertThat(order.status()).isEqualTo(OrderStatus.STOCK_RESERVED);
        assertThat(order.takeAnnouncements()).isEmpty();

        order.markPaid(next("PaymentAuthorized"));

        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(order.timeline())
                .extracting(TimelineEntry::event)
                .containsExactly("OrderPlaced", "StockReserved", "PaymentAuthorized", "ShipmentScheduled");
        assertThat(order.takeAnnouncements()).hasSize(1);
    }

    @Test
    void declineLearnedBeforeTheReservationCancelsThePricedOrderAfterIt() {
        order.declinePayment(next("PaymentDeclined"));
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.takeAnnouncements()).isEmpty();

        order.reserveStock(LINES, TOTAL, "EUR", next("StockReserved"));

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(CancellationReason.PAYMENT_DECLINED);
        assertThat(order.total()).isEqualTo(TOTAL);
        assertThat(order.timeline())
                .extracting(TimelineEntry::status, TimelineEntry::event)
                .containsExactly(
                        tuple(OrderStatus.PENDING, "OrderPlaced"),
                        tuple(OrderStatus.STOCK_RESERVED, "StockReserved"),
                        tuple(OrderStatus.CANCELLED, "PaymentDeclined"));
        assertThat(order.takeAnnouncements())
                .containsExactly(new OrderCancelled(order.id(), "PAYMENT_DECLINED", "ana@example.com"));
    }

    @Test
    void shipmentFailureLearnedFirstCancelsOnlyOnceReservationAndPaymentAreApplied() {
        order.failShipment(next("ShipmentFailed"));
        order.reserveStock(LINES, TOTAL, "EUR", next("StockReserved"));
        assertThat(order.status()).isEqualTo(OrderStatus.STOCK_RESERVED);
        assertThat(order.takeAnnouncements()).isEmpty();

        order.markPaid(next("PaymentAuthorized"));

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(CancellationReason.SHIPPING_FAILED);
        assertThat(order.timeline())
                .extracting(TimelineEntry::status, TimelineEntry::event)
                .containsExactly(
                        tuple(OrderStatus.PENDING, "OrderPlaced"),
                        tuple(OrderStatus.STOCK_RESERVED, "StockReserved"),
                        tuple(OrderStatus.PAID, "PaymentAuthorized"),
                        tuple(OrderStatus.CANCELLED, "ShipmentFailed"));
        assertThat(order.takeAnnouncements())
                .containsExactly(new OrderCancelled(order.id(), "SHIPPING_FAILED", "ana@example.com"));
    }

    @Test
    void cancellationOfAnOrderHoldingAnswersTakesThemAsHistoryAfterIt() {
        Trigger shipped = next("ShipmentScheduled");
        Trigger paid = next("PaymentAuthorized");
        order.complete(shipped);
        order.markPaid(paid);

        Instant cancelledAt = next("CancellationRequested").at();
        order.cancel(CancellationReason.CUSTOMER_CANCELLED, Trigger.customerCancellation(cancelledAt));
        order.reserveStock(LINES, TOTAL, "EUR", next("StockReserved"));

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(CancellationReason.CUSTOMER_CANCELLED);
        assertThat(order.timeline())
                .extracting(TimelineEntry::status, TimelineEntry::event, TimelineEntry::at)
                .containsExactly(
                        tuple(OrderStatus.PENDING, "OrderPlaced", PLACED),
                        tuple(OrderStatus.CANCELLED, "CancellationRequested", cancelledAt),
                        tuple(OrderStatus.CANCELLED, "PaymentAuthorized", paid.at()),
                        tuple(OrderStatus.CANCELLED, "ShipmentScheduled", shipped.at()),
                        tuple(OrderStatus.CANCELLED, "StockReserved", at()));
        assertThat(order.held().payment()).isNull();
        assertThat(order.held().shipment()).isNull();
        assertThat(order.takeAnnouncements())
                .containsExactly(new OrderCancelled(order.id(), "CUSTOMER_CANCELLED", "ana@example.com"));
    }

    @Test
    void statusNeverMovesBackwards() {
        order.reserveStock(LINES, TOTAL, "EUR", next("StockReserved"));
        order.markPaid(next("PaymentAuthorized"));
        order.complete(next("ShipmentScheduled"));

        order.markPaid(next("PaymentAuthorized"));
        order.reserveStock(LINES, TOTAL, "EUR", next("StockReserved"));

        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(order.timeline().subList(3, 6))
                .extracting(TimelineEntry::status)
                .containsOnly(OrderStatus.COMPLETED);
    }

    @Test
    void orderAPreviousVersionCompletedBeforeItsReservationIsAnnouncedOnceTheTotalArrives() {
        Order completedEarly = stored(
                OrderStatus.COMPLETED,
                null,
                List.of(new OrderItem("SKU-1", 2, null), new OrderItem("SKU-2", 1, null)),
                HeldAnswers.none());
        completedEarly.markPaid(next("PaymentAuthorized"));
        assertThat(completedEarly.takeAnnouncements()).isEmpty();

        completedEarly.reserveStock(LINES, TOTAL, "EUR", next("StockReserved"));

        assertThat(completedEarly.takeAnnouncements())
                .containsExactly(new OrderCompleted(completedEarly.id(), TOTAL, "EUR", "ana@example.com"));
        completedEarly.reserveStock(LINES, TOTAL, "EUR", next("StockReserved"));
        assertThat(completedEarly.takeAnnouncements()).isEmpty();
    }

    @Test
    void cancellingAnOrderInFlightAnnouncesOrderCancelledWithItsReason() {
        order.reserveStock(LINES, TOTAL, "EUR", next("StockReserved"));
        order.cancel(CancellationReason.PAYMENT_DECLINED, next("PaymentDeclined"));

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(CancellationReason.PAYMENT_DECLINED);
        assertThat(order.takeAnnouncements())
                .containsExactly(new OrderCancelled(order.id(), "PAYMENT_DECLINED", "ana@example.com"));
    }

    @Test
    void cancelledOrderIsFinalAndLaterEventsOnlyAppendToTheTimeline() {
        order.cancel(CancellationReason.CUSTOMER_CANCELLED, next("CancellationRequested"));
        order.takeAnnouncements();

        order.reserveStock(LINES, TOTAL, "EUR", next("StockReserved"));
        order.markPaid(next("PaymentAuthorized"));
        order.complete(next("ShipmentScheduled"));
        order.failShipment(next("ShipmentFailed"));
        order.note(next("StockReleased"));

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(CancellationReason.CUSTOMER_CANCELLED);
        assertThat(order.total()).isNull();
        assertThat(order.items()).extracting(OrderItem::unitPrice).containsOnlyNulls();
        assertThat(order.takeAnnouncements()).isEmpty();
        assertThat(order.timeline())
                .extracting(TimelineEntry::event)
                .containsExactly(
                        "OrderPlaced",
                        "CancellationRequested",
                        "StockReserved",
                        "PaymentAuthorized",
                        "ShipmentScheduled",
                        "ShipmentFailed",
                        "StockReleased");
        assertThat(order.timeline().subList(1, 7))
                .extracting(TimelineEntry::status)
                .containsOnly(OrderStatus.CANCELLED);
    }

    @Test
    void completedOrderCannotBeCancelled() {
        order.reserveStock(LINES, TOTAL, "EUR", next("StockReserved"));
        order.markPaid(next("PaymentAuthorized"));
        order.complete(next("ShipmentScheduled"));
        order.takeAnnouncements();

        order.cancel(CancellationReason.TIMED_OUT, next("DeadlinePassed"));

        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(order.cancellationReason()).isNull();
        assertThat(order.takeAnnouncements()).isEmpty();
    }

    @Test
    void announcementsAreHandedOverOnce() {
        order.cancel(CancellationReason.TIMED_OUT, next("DeadlinePassed"));

        List<OrderEvent> first = order.takeAnnouncements();

        assertThat(first).hasSize(1);
        assertThat(order.takeAnnouncements()).isEmpty();
    }

    @Test
    void reservationWhoseLinesDoNotMatchTheOrderIsRefusedAsInvalid() {
        List<PricedLine> otherLines = List.of(new PricedLine("SKU-1", 3, new BigDecimal("12.50")));

        assertThatThrownBy(() -> order.reserveStock(otherLines, TOTAL, "EUR", next("StockReserved")))
                .isInstanceOf(InvalidPayloadException.class);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void incomingEventsBecomeTheCauseOfWhatTheServiceDecidesNext() {
        UUID eventId = UUID.randomUUID();
        order.reserveStock(LINES, TOTAL, "EUR", new Trigger("StockReserved", eventId, PLACED.plusSeconds(1)));
        order.note(Trigger.customerCancellation(PLACED.plusSeconds(2)));

        assertThat(order.lastEventId()).isEqualTo(eventId);
    }

    @Test
    void orderIsOverdueOnlyWhileInFlightAndPastItsDeadline() {
        Instant deadline = PLACED.plus(Duration.ofMinutes(5));

        assertThat(order.isOverdue(deadline.minusMillis(1))).isFalse();
        assertThat(order.isOverdue(deadline)).isTrue();
        order.cancel(CancellationReason.CUSTOMER_CANCELLED, next("CancellationRequested"));
        assertThat(order.isOverdue(deadline)).isFalse();
    }

    @Test
    void statusRanksOnlyAllowForwardMovesOutOfNonFinalStatuses() {
        assertThat(OrderStatus.PENDING.precedes(OrderStatus.PAID)).isTrue();
        assertThat(OrderStatus.PAID.precedes(OrderStatus.STOCK_RESERVED)).isFalse();
        assertThat(OrderStatus.COMPLETED.precedes(OrderStatus.CANCELLED)).isFalse();
        assertThat(OrderStatus.CANCELLED.precedes(OrderStatus.COMPLETED)).isFalse();
    }

    @Test
    void lateReservationOfAPaidOrderChangesOnlyItsPricesAndItsHistory() {
        Order paid = stored(
                OrderStatus.PAID, TOTAL, List.of(new OrderItem("SKU-1", 2, null), new OrderItem("SKU-2", 1, null)));

        paid.reserveStock(LINES, TOTAL, "EUR", next("StockReserved"));

        assertThat(paid.changes()).containsExactlyInAnyOrder(Order.Change.PRICES, Order.Change.LAST_EVENT);
        assertThat(paid.newTimelineEntries())
                .containsExactly(new TimelineEntry(OrderStatus.PAID, "StockReserved", at()));
    }

    @Test
    void pricesAreChangedOnceWhenInventoryReportsTheReservationAgain() {
        Order reserved = stored(
                OrderStatus.STOCK_RESERVED,
                TOTAL,
                List.of(
                        new OrderItem("SKU-1", 2, new BigDecimal("12.50")),
                        new OrderItem("SKU-2", 1, new BigDecimal("5.00"))));

        reserved.reserveStock(LINES, TOTAL, "EUR", next("StockReserved"));

        assertThat(reserved.changes()).containsExactly(Order.Change.LAST_EVENT);
    }

    @Test
    void paymentOfAReservedOrderChangesTheStatusAndTheLastEventOnly() {
        Order reserved = stored(OrderStatus.STOCK_RESERVED, TOTAL, null);

        reserved.markPaid(next("PaymentAuthorized"));

        assertThat(reserved.changes()).containsExactlyInAnyOrder(Order.Change.STATUS, Order.Change.LAST_EVENT);
    }

    @Test
    void heldAnswerChangesOnlyWhatIsHeldAndTheLastEventAndAddsNoTimelineEntry() {
        Order pending = stored(OrderStatus.PENDING, null, null);
        Trigger shipped = next("ShipmentScheduled");

        pending.complete(shipped);

        assertThat(pending.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(pending.changes()).containsExactlyInAnyOrder(Order.Change.HELD, Order.Change.LAST_EVENT);
        assertThat(pending.newTimelineEntries()).isEmpty();
        assertThat(pending.held().shipment())
                .isEqualTo(new HeldAnswers.Held(StepAnswer.SHIPMENT_SCHEDULED, shipped.at()));
    }

    @Test
    void anotherAnswerToAStepAlreadyHeldIsNotHeldAgain() {
        Order pending = stored(OrderStatus.PENDING, null, null);
        Trigger first = next("ShipmentScheduled");
        pending.complete(first);

        pending.complete(next("ShipmentScheduled"));

        assertThat(pending.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(pending.newTimelineEntries()).isEmpty();
        assertThat(pending.held().shipment())
                .isEqualTo(new HeldAnswers.Held(StepAnswer.SHIPMENT_SCHEDULED, first.at()));
    }

    @Test
    void reservationReleasingHeldAnswersChangesTheStatusOnceAndAddsEveryEntry() {
        Trigger paid = next("PaymentAuthorized");
        Trigger shipped = next("ShipmentScheduled");
        Order pending = stored(
                OrderStatus.PENDING,
                null,
                List.of(new OrderItem("SKU-1", 2, null), new OrderItem("SKU-2", 1, null)),
                new HeldAnswers(
                        new HeldAnswers.Held(StepAnswer.PAYMENT_AUTHORIZED, paid.at()),
                        new HeldAnswers.Held(StepAnswer.SHIPMENT_SCHEDULED, shipped.at())));
        Trigger reserved = next("StockReserved");

        pending.reserveStock(LINES, TOTAL, "EUR", reserved);

        assertThat(pending.changes())
                .containsExactlyInAnyOrder(
                        Order.Change.STATUS,
                        Order.Change.TOTAL,
                        Order.Change.PRICES,
                        Order.Change.LAST_EVENT,
                        Order.Change.HELD,
                        Order.Change.COMPLETION_ANNOUNCED);
        assertThat(pending.newTimelineEntries())
                .containsExactly(
                        new TimelineEntry(OrderStatus.STOCK_RESERVED, "StockReserved", reserved.at()),
                        new TimelineEntry(OrderStatus.PAID, "PaymentAuthorized", paid.at()),
                        new TimelineEntry(OrderStatus.COMPLETED, "ShipmentScheduled", shipped.at()));
        assertThat(pending.updatedAt()).isEqualTo(reserved.at());
        assertThat(pending.held().payment()).isNull();
        assertThat(pending.held().shipment()).isNull();
    }

    @Test
    void customerCancellationChangesTheStatusAndTheHistoryOnly() {
        Order pending = stored(OrderStatus.PENDING, null, null);

        pending.cancel(CancellationReason.CUSTOMER_CANCELLED, Trigger.customerCancellation(PLACED.plusSeconds(1)));

        assertThat(pending.changes()).containsExactly(Order.Change.STATUS);
        assertThat(pending.newTimelineEntries()).hasSize(1);
    }

    @Test
    void orderLockedWithoutItsItemsCannotBePricedButACancelledOneNeedsNoPrices() {
        Order pending = stored(OrderStatus.PENDING, null, null);
        Order cancelled = stored(OrderStatus.CANCELLED, null, null);

        assertThatThrownBy(() -> pending.reserveStock(LINES, TOTAL, "EUR", next("StockReserved")))
                .isInstanceOf(IllegalStateException.class);
        cancelled.reserveStock(LINES, TOTAL, "EUR", next("StockReserved"));
        assertThat(cancelled.changes()).containsExactly(Order.Change.LAST_EVENT);
    }

    private Order stored(OrderStatus status, @Nullable BigDecimal total, @Nullable List<OrderItem> items) {
        return stored(status, total, items, HeldAnswers.none());
    }

    /** The order as a writer loads it: its saga state, the items only if given, no customer, address or timeline. */
    private Order stored(
            OrderStatus status, @Nullable BigDecimal total, @Nullable List<OrderItem> items, HeldAnswers held) {
        return new Order(
                UUID.randomUUID(),
                null,
                "ana@example.com",
                null,
                items,
                status,
                status == OrderStatus.CANCELLED ? CancellationReason.CUSTOMER_CANCELLED : null,
                total,
                total == null ? null : "EUR",
                correlationId,
                correlationId,
                false,
                PLACED,
                null,
                PLACED,
                PLACED.plus(Duration.ofMinutes(5)),
                held,
                null);
    }

    private Trigger next(String event) {
        minute++;
        return new Trigger(event, UUID.randomUUID(), at());
    }

    private Instant at() {
        return PLACED.plus(Duration.ofMinutes(minute));
    }
}
