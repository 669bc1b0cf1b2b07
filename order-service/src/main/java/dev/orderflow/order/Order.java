package dev.orderflow.order;

import static dev.orderflow.order.OrderStatus.CANCELLED;
import static dev.orderflow.order.OrderStatus.COMPLETED;
import static dev.orderflow.order.OrderStatus.PAID;
import static dev.orderflow.order.OrderStatus.PENDING;
import static dev.orderflow.order.OrderStatus.STOCK_RESERVED;

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
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An order and its place in the saga. Status only moves forward and COMPLETED and CANCELLED are final: an event for a
 * final order is only added to the timeline. The saga's steps are applied in saga order whatever order their topics
 * deliver them in: a payment or shipping answer learned before the step it follows is held and applied once that step
 * is, so the status never runs ahead of the facts it implies (ADR 0013). What the order owes the other services
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
        COMPLETION_ANNOUNCED,
        /** the answers held until the step they follow is applied */
        HELD
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
    private final HeldAnswers held;

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
            HeldAnswers held,
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
        this.held = held;
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
                HeldAnswers.none(),
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
        advance(STOCK_RESERVED, trigger, trigger.at());
    }

    /** The payment went through: PAID, once the reservation it follows is applied. */
    void markPaid(Trigger trigger) {
        answer(StepAnswer.PAYMENT_AUTHORIZED, trigger);
    }

    /** The payment was declined: CANCELLED, once the reservation it follows is applied. */
    void declinePayment(Trigger trigger) {
        answer(StepAnswer.PAYMENT_DECLINED, trigger);
    }

    /** The shipment is booked: the saga is done, once the payment it follows is applied. */
    void complete(Trigger trigger) {
        answer(StepAnswer.SHIPMENT_SCHEDULED, trigger);
    }

    /** The shipment could not be booked: CANCELLED, once the payment it follows is applied. */
    void failShipment(Trigger trigger) {
        answer(StepAnswer.SHIPMENT_FAILED, trigger);
    }

    /** Cancels the order unless it is final already; participants undo what they did when they hear of it. */
    void cancel(CancellationReason reason, Trigger trigger) {
        cancel(reason, trigger, trigger.at());
    }

    /** An event that changes nothing but the history (a compensation done, a late event). */
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

    /**
     * Applies a step's answer, or holds it while the step it follows is not applied yet (the topics are consumed
     * separately). The step's answer is held once: another one for it, which no participant sends, is not held again.
     */
    private void answer(StepAnswer answer, Trigger trigger) {
        if (!status.precedes(answer.follows())) {
            apply(answer, trigger, trigger.at());
            return;
        }
        if (!held.holdsStepOf(answer)) {
            held.hold(answer, trigger.at());
            changes.add(Change.HELD);
        }
        learnedFrom(trigger);
    }

    /**
     * @param entry the timeline's entry for it: its event and when this service learned it
     * @param now when the order's status changes, which is later than {@code entry} for an answer that was held
     */
    private void apply(StepAnswer answer, Trigger entry, Instant now) {
        switch (answer) {
            case PAYMENT_AUTHORIZED -> advance(PAID, entry, now);
            case PAYMENT_DECLINED -> cancel(CancellationReason.PAYMENT_DECLINED, entry, now);
            case SHIPMENT_SCHEDULED -> advance(COMPLETED, entry, now);
            case SHIPMENT_FAILED -> cancel(CancellationReason.SHIPPING_FAILED, entry, now);
        }
    }

    private void advance(OrderStatus next, Trigger entry, Instant now) {
        if (status.precedes(next)) {
            status = next;
            statusChangedAt = now;
            changes.add(Change.STATUS);
        }
        record(entry);
        announceCompletionWhenDue();
        applyHeld(now);
    }

    private void cancel(CancellationReason reason, Trigger entry, Instant now) {
        if (!status.isTerminal()) {
            status = CANCELLED;
            cancellationReason = reason;
            statusChangedAt = now;
            changes.add(Change.STATUS);
            announcements.add(new OrderCancelled(id, reason.name(), customerEmail));
        }
        record(entry);
        applyHeld(now);
    }

    /**
     * Applies the held answers whose step is applied now, in saga order, each at the time it was learned. A final order
     * holds nothing: it takes what it held as history, after the entry that made it final.
     */
    private void applyHeld(Instant now) {
        for (HeldAnswers.Held next = held.takeApplicable(status); next != null; next = held.takeApplicable(status)) {
            changes.add(Change.HELD);
            apply(next.answer(), next.entry(), now);
        }
    }

    /**
     * OrderCompleted carries the total. Every order this version completes has it (COMPLETED follows the reservation);
     * an order a previous version completed before it heard of the reservation is announced once the total arrives.
     */
    private void announceCompletionWhenDue() {
        if (status == COMPLETED && total != null && currency != null && !completionAnnounced) {
            completionAnnounced = true;
            changes.add(Change.COMPLETION_ANNOUNCED);
            announcements.add(new OrderCompleted(id, total, currency, customerEmail));
        }
    }

    /** Adds the trigger to the timeline; an entry of a held answer is older than the entry that released it. */
    private void record(Trigger trigger) {
        newTimelineEntries.add(new TimelineEntry(status, trigger.event(), trigger.at()));
        if (updatedAt == null || trigger.at().isAfter(updatedAt)) {
            updatedAt = trigger.at();
        }
        learnedFrom(trigger);
    }

    private void learnedFrom(Trigger trigger) {
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

    private void price(List<PricedLine> lines) {
        List<OrderItem> current = loaded(items, "items");
        List<OrderItem> priced = OrderItem.priced(current, lines);
        if (!priced.equals(current)) {
            items = priced;
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

    /** The answers the order holds until the step they follow is applied. */
    HeldAnswers held() {
        return held;
    }

    /**
     * In the order it was applied: the saga's steps in saga order, each at the time this service learned it (a step
     * learned before the one it follows reads earlier than that one), then what came after the order became final.
     */
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
