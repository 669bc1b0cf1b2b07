package dev.orderflow.order;

import static dev.orderflow.order.OrderStatus.CANCELLED;
import static dev.orderflow.order.OrderStatus.COMPLETED;
import static dev.orderflow.order.OrderStatus.PAID;
import static dev.orderflow.order.OrderStatus.PENDING;
import static dev.orderflow.order.OrderStatus.STOCK_RESERVED;

import dev.orderflow.events.InvalidPayloadException;
import dev.orderflow.events.PricedLine;
import dev.orderflow.events.ShippingAddress;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.order.OrderCompleted;
import dev.orderflow.events.order.OrderEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * An order and its place in the saga. Status only moves forward and COMPLETED and CANCELLED are final: an event that
 * arrives late, or for a final order, is only added to the timeline. What the order owes the other services
 * (OrderCompleted, OrderCancelled) is collected as announcements for the outbox.
 */
public final class Order {

    private final UUID id;
    private final String customerId;
    private final String customerEmail;
    private final ShippingAddress shippingAddress;
    private final UUID correlationId;
    private final Instant createdAt;
    private final Instant deadlineAt;
    private final List<TimelineEntry> timeline;
    private final List<OrderEvent> announcements = new ArrayList<>();
    private final int storedTimelineEntries;
    private List<OrderItem> items;
    private OrderStatus status;
    private @Nullable CancellationReason cancellationReason;
    private @Nullable BigDecimal total;
    private @Nullable String currency;
    private Instant updatedAt;
    private Instant statusChangedAt;
    private UUID lastEventId;
    private boolean completionAnnounced;

    /** Restores an order as stored; {@link #place} creates a new one. */
    Order(
            UUID id,
            String customerId,
            String customerEmail,
            ShippingAddress shippingAddress,
            List<OrderItem> items,
            OrderStatus status,
            @Nullable CancellationReason cancellationReason,
            @Nullable BigDecimal total,
            @Nullable String currency,
            UUID correlationId,
            UUID lastEventId,
            boolean completionAnnounced,
            Instant createdAt,
            Instant updatedAt,
            Instant statusChangedAt,
            Instant deadlineAt,
            List<TimelineEntry> timeline) {
        this.id = id;
        this.customerId = customerId;
        this.customerEmail = customerEmail;
        this.shippingAddress = shippingAddress;
        this.items = List.copyOf(items);
        this.status = status;
        this.cancellationReason = cancellationReason;
        this.total = total;
        this.currency = currency;
        this.correlationId = correlationId;
        this.lastEventId = lastEventId;
        this.completionAnnounced = completionAnnounced;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.statusChangedAt = statusChangedAt;
        this.deadlineAt = deadlineAt;
        this.timeline = new ArrayList<>(timeline);
        this.storedTimelineEntries = timeline.size();
    }

    /**
     * A new PENDING order, unpriced: inventory owns the prices.
     *
     * @param correlationId the id of the order's OrderPlaced, which correlates every event of its saga
     * @param deadline how long the saga may take before the order is cancelled as timed out
     */
    static Order place(
            UUID id,
            String customerId,
            String customerEmail,
            ShippingAddress shippingAddress,
            List<OrderItem> items,
            UUID correlationId,
            Instant now,
            Duration deadline) {
        if (items.stream().anyMatch(item -> item.unitPrice() != null)) {
            throw new IllegalArgumentException("a new order is not priced");
        }
        return new Order(
                id,
                customerId,
                customerEmail,
                shippingAddress,
                items,
                PENDING,
                null,
                null,
                null,
                correlationId,
                correlationId,
                false,
                now,
                now,
                now,
                now.plus(deadline),
                List.of(new TimelineEntry(PENDING, Trigger.ORDER_PLACED, now)));
    }

    /** Inventory reserved and priced every line. Prices are kept unless the order is already cancelled. */
    void reserveStock(List<PricedLine> lines, BigDecimal reservedTotal, String reservedCurrency, Trigger trigger) {
        if (status != CANCELLED) {
            items = priced(lines);
            learnTotal(reservedTotal, reservedCurrency);
        }
        advance(STOCK_RESERVED, trigger);
    }

    /** The payment went through. Its amount is the total, should the reservation not have been seen yet. */
    void markPaid(BigDecimal amount, String paidCurrency, Trigger trigger) {
        if (status != CANCELLED) {
            learnTotal(amount, paidCurrency);
        }
        advance(PAID, trigger);
    }

    /** The shipment is booked: the saga is done. */
    void complete(Trigger trigger) {
        advance(COMPLETED, trigger);
    }

    /** Cancels the order unless it is final already; participants undo what they did when they hear of it. */
    void cancel(CancellationReason reason, Trigger trigger) {
        if (!status.isTerminal()) {
            status = CANCELLED;
            cancellationReason = reason;
            statusChangedAt = trigger.at();
            announcements.add(new OrderCancelled(id, reason.name(), customerEmail));
        }
        record(trigger);
    }

    /** An event that changes nothing but the history (a compensation done, a late or out-of-order event). */
    void note(Trigger trigger) {
        record(trigger);
    }

    /** Whether the deadline has passed for an order still in flight. */
    boolean isOverdue(Instant now) {
        return !status.isTerminal() && !now.isBefore(deadlineAt);
    }

    /** Hands the events this order owes to the other services over to the caller, which writes them to the outbox. */
    List<OrderEvent> takeAnnouncements() {
        List<OrderEvent> taken = List.copyOf(announcements);
        announcements.clear();
        return taken;
    }

    private void advance(OrderStatus next, Trigger trigger) {
        if (status.precedes(next)) {
            status = next;
            statusChangedAt = trigger.at();
        }
        record(trigger);
        announceCompletionWhenDue();
    }

    /**
     * OrderCompleted carries the total. Should the shipment be reported before this service heard of the reservation
     * or the payment (they travel on other topics), the announcement waits for the total.
     */
    private void announceCompletionWhenDue() {
        if (status == COMPLETED && total != null && currency != null && !completionAnnounced) {
            completionAnnounced = true;
            announcements.add(new OrderCompleted(id, total, currency, customerEmail));
        }
    }

    private void record(Trigger trigger) {
        timeline.add(new TimelineEntry(status, trigger.event(), trigger.at()));
        updatedAt = trigger.at();
        if (trigger.eventId() != null) {
            lastEventId = trigger.eventId();
        }
    }

    private void learnTotal(BigDecimal knownTotal, String knownCurrency) {
        if (total == null) {
            total = knownTotal;
            currency = knownCurrency;
        }
    }

    /** Prices the items from inventory's lines, which must be exactly the order's lines. */
    private List<OrderItem> priced(List<PricedLine> lines) {
        Map<String, PricedLine> bySku =
                lines.stream().collect(Collectors.toMap(PricedLine::sku, Function.identity(), (a, b) -> a));
        boolean sameLines = bySku.size() == lines.size()
                && lines.size() == items.size()
                && items.stream().allMatch(item -> {
                    PricedLine line = bySku.get(item.sku());
                    return line != null && line.quantity() == item.quantity();
                });
        if (!sameLines) {
            throw new InvalidPayloadException("StockReserved lines do not match the order's items");
        }
        return items.stream()
                .map(item -> item.unitPrice() != null
                        ? item
                        : item.priced(bySku.get(item.sku()).unitPrice()))
                .toList();
    }

    public UUID id() {
        return id;
    }

    public String customerId() {
        return customerId;
    }

    String customerEmail() {
        return customerEmail;
    }

    ShippingAddress shippingAddress() {
        return shippingAddress;
    }

    public List<OrderItem> items() {
        return items;
    }

    public OrderStatus status() {
        return status;
    }

    public @Nullable CancellationReason cancellationReason() {
        return cancellationReason;
    }

    public @Nullable BigDecimal total() {
        return total;
    }

    public @Nullable String currency() {
        return currency;
    }

    UUID correlationId() {
        return correlationId;
    }

    /** The last event this order received, or its OrderPlaced: the cause of what the service decides on its own. */
    UUID lastEventId() {
        return lastEventId;
    }

    boolean completionAnnounced() {
        return completionAnnounced;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    Instant statusChangedAt() {
        return statusChangedAt;
    }

    Instant deadlineAt() {
        return deadlineAt;
    }

    /** Oldest first. */
    public List<TimelineEntry> timeline() {
        return List.copyOf(timeline);
    }

    /** Timeline entries added since the order was loaded or placed, which the repository still has to store. */
    List<TimelineEntry> newTimelineEntries() {
        return List.copyOf(timeline.subList(storedTimelineEntries, timeline.size()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Order order && id.equals(order.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

    @Override
    public String toString() {
        return "Order[" + id + ", " + status + "]";
    }
}
