package dev.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

        order.markPaid(TOTAL, "EUR", next("PaymentAuthorized"));
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
    void lateEarlierStageEventIsOnlyRecordedButStillPricesTheOrder() {
        order.markPaid(TOTAL, "EUR", next("PaymentAuthorized"));
        order.reserveStock(LINES, TOTAL, "EUR", next("StockReserved"));

        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.items()).extracting(OrderItem::unitPrice).doesNotContainNull();
        assertThat(order.timeline().getLast()).isEqualTo(new TimelineEntry(OrderStatus.PAID, "StockReserved", at()));
    }

    @Test
    void statusNeverMovesBackwards() {
        order.complete(next("ShipmentScheduled"));
        order.markPaid(TOTAL, "EUR", next("PaymentAuthorized"));
        order.reserveStock(LINES, TOTAL, "EUR", next("StockReserved"));

        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(order.timeline())
                .extracting(TimelineEntry::status)
                .containsExactly(
                        OrderStatus.PENDING, OrderStatus.COMPLETED, OrderStatus.COMPLETED, OrderStatus.COMPLETED);
    }

    @Test
    void completionBeforeTheTotalIsKnownIsAnnouncedOnceTheTotalArrives() {
        order.complete(next("ShipmentScheduled"));
        assertThat(order.takeAnnouncements()).isEmpty();

        order.markPaid(TOTAL, "EUR", next("PaymentAuthorized"));
        assertThat(order.takeAnnouncements())
                .containsExactly(new OrderCompleted(order.id(), TOTAL, "EUR", "ana@example.com"));

        order.reserveStock(LINES, TOTAL, "EUR", next("StockReserved"));
        assertThat(order.takeAnnouncements()).isEmpty();
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
        order.markPaid(TOTAL, "EUR", next("PaymentAuthorized"));
        order.complete(next("ShipmentScheduled"));
        order.cancel(CancellationReason.SHIPPING_FAILED, next("ShipmentFailed"));
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
    void paymentChangesTheStatusTheTotalAndTheLastEventButNotThePrices() {
        Order pending = stored(OrderStatus.PENDING, null, null);

        pending.markPaid(TOTAL, "EUR", next("PaymentAuthorized"));

        assertThat(pending.changes())
                .containsExactlyInAnyOrder(Order.Change.STATUS, Order.Change.TOTAL, Order.Change.LAST_EVENT);
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

    /** The order as a writer loads it: its saga state, the items only if given, no customer, address or timeline. */
    private Order stored(OrderStatus status, @Nullable BigDecimal total, @Nullable List<OrderItem> items) {
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
