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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * An order and its place in the saga. Status only moves forward and COMPLETED and CANCELLED are final: an event that
 * arrives late, or for a final order, is only added to the timeline. What the order owes the other services
 * (OrderCompleted, OrderCancelled) is collected as announcements for the outbox.
 *
 * <p>Readers get the whole order. Writers lock only the row's saga state ({@link Orders#lock}), plus the items when they
 * price them: the customer, the address and the stored timeline are then not loaded, and asking for them is a bug. The
 * order notes what its transitions changed ({@link #changes()}, {@link #newTimelineEntries()}), so that only that is
 * written.
 */
public final class Order {

    /** A part of the stored order that a transition changed; the repository writes the changed parts only. */
    enum Change {
        /** status, cancellation reason and the time of the status change */
        STATUS,
        /** total and currency */
        TOTAL,
        /** the items' unit prices */
        PRICES,
        /** the last event received */
        LAST_EVENT,
        /** that OrderCompleted went out */
        COMPLETION_ANNOUNCED
    }

    private final UUID id;
    private final @Nullable String customerId;
    private final String customerEmail;
    private final @Nullable ShippingAddress shippingAddress;
    private final UUID correlationId;
    private final Instant createdAt;
    private final Instant deadlineAt;
    private final @Nullable List<TimelineEntry> storedTimeline;
    private final List<TimelineEntry> newTimelineEntries = new ArrayList<>();
    private final List<OrderEvent> announcements = new ArrayList<>();
    private final Set<Change> changes = EnumSet.noneOf(Change.class);
    private @Nullable List<OrderItem> items;
    private OrderStatus status;
    private @Nullable CancellationReason cancellationReason;
    private @Nullable BigDecimal total;
    private @Nullable String currency;
    private @Nullable Instant updatedAt;
    private Instant statusChangedAt;
    private UUID lastEventId;
    private boolean completionAnnounced;

    /**
     * Restores an order as stored; {@link #place} creates a new one. A part given as null was not loaded: {@code
     * customerId}, {@code shippingAddress}, {@code updatedAt}, {@code items} and {@code timeline}.
     */
    Order(
            UUID id,
            @Nullable String customerId,
            String customerEmail,
            @Nullable ShippingAddress shippingAddress,
            @Nullable List<OrderItem> items,
            OrderStatus status,
            @Nullable CancellationReason cancellationReason,
            @Nullable BigDecimal total,
            @Nullable String currency,
            UUID correlationId,
            UUID lastEventId,
            boolean completionAnnounced,
            Instant createdAt,
            @Nullable Instant updatedAt,
            Instant statusChangedAt,
            Instant deadlineAt,
            @Nullable List<TimelineEntry> timeline) {
        this.id = id;
        this.customerId = customerId;
        this.customerEmail = customerEmail;
        this.shippingAddress = shippingAddress;
        this.items = items == null ? null : List.copyOf(items);
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
        this.storedTimeline = timeline == null ? null : List.copyOf(timeline);
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
        Order order = new Order(
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
                List.of());
        order.newTimelineEntries.add(new TimelineEntry(PENDING, Trigger.ORDER_PLACED, now));
        return order;
    }

    /** Inventory reserved and priced every line. Prices are kept unless the order is already cancelled. */
    void reserveStock(List<PricedLine> lines, BigDecimal reservedTotal, String reservedCurrency, Trigger trigger) {
        if (status != CANCELLED) {
            price(lines);
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
            changes.add(Change.STATUS);
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
            changes.add(Change.STATUS);
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
            changes.add(Change.COMPLETION_ANNOUNCED);
            announcements.add(new OrderCompleted(id, total, currency, customerEmail));
        }
    }

    private void record(Trigger trigger) {
        newTimelineEntries.add(new TimelineEntry(status, trigger.event(), trigger.at()));
        updatedAt = trigger.at();
        if (trigger.eventId() != null && !trigger.eventId().equals(lastEventId)) {
            lastEventId = trigger.eventId();
            changes.add(Change.LAST_EVENT);
        }
    }

    private void learnTotal(BigDecimal knownTotal, String knownCurrency) {
        if (total == null) {
            total = knownTotal;
            currency = knownCurrency;
            changes.add(Change.TOTAL);
        }
    }

    /** Prices the items from inventory's lines, which must be exactly the order's lines; a priced line keeps its price. */
    private void price(List<PricedLine> lines) {
        List<OrderItem> current = loaded(items, "items");
        Map<String, PricedLine> bySku =
                lines.stream().collect(Collectors.toMap(PricedLine::sku, Function.identity(), (a, b) -> a));
        boolean sameLines = bySku.size() == lines.size()
                && lines.size() == current.size()
                && current.stream().allMatch(item -> {
                    PricedLine line = bySku.get(item.sku());
                    return line != null && line.quantity() == item.quantity();
                });
        if (!sameLines) {
            throw new InvalidPayloadException("StockReserved lines do not match the order's items");
        }
        if (current.stream().anyMatch(item -> item.unitPrice() == null)) {
            items = current.stream()
                    .map(item -> item.unitPrice() != null
                            ? item
                            : item.priced(bySku.get(item.sku()).unitPrice()))
                    .toList();
            changes.add(Change.PRICES);
        }
    }

    /** A part of the order that was loaded; writers load only what their transition needs. */
    private <T> T loaded(@Nullable T part, String name) {
        if (part == null) {
            throw new IllegalStateException("Order " + id + " was loaded without its " + name);
        }
        return part;
    }

    public UUID id() {
        return id;
    }

    public String customerId() {
        return loaded(customerId, "customer");
    }

    String customerEmail() {
        return customerEmail;
    }

    ShippingAddress shippingAddress() {
        return loaded(shippingAddress, "shipping address");
    }

    public List<OrderItem> items() {
        return loaded(items, "items");
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
        return loaded(updatedAt, "last update");
    }

    Instant statusChangedAt() {
        return statusChangedAt;
    }

    Instant deadlineAt() {
        return deadlineAt;
    }

    /** Oldest first. */
    public List<TimelineEntry> timeline() {
        List<TimelineEntry> timeline = new ArrayList<>(loaded(storedTimeline, "timeline"));
        timeline.addAll(newTimelineEntries);
        return List.copyOf(timeline);
    }

    /** Timeline entries added since the order was loaded or placed, which the repository still has to store. */
    List<TimelineEntry> newTimelineEntries() {
        return List.copyOf(newTimelineEntries);
    }

    /** What the transitions since the order was loaded changed besides the timeline and the time of the last update. */
    Set<Change> changes() {
        return Set.copyOf(changes);
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
