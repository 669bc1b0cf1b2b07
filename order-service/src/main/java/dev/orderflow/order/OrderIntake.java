package dev.orderflow.order;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.messaging.Causation;
import dev.orderflow.messaging.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What customers do to orders: place one, cancel one. Each is one transaction with the events it publishes. */
@Service
public class OrderIntake {

    private static final Logger log = LoggerFactory.getLogger(OrderIntake.class);

    private final Orders orders;
    private final OrderChanges changes;
    private final Outbox outbox;
    private final OrderMetrics metrics;
    private final OrderProperties properties;
    private final Clock clock;

    OrderIntake(
            Orders orders,
            OrderChanges changes,
            Outbox outbox,
            OrderMetrics metrics,
            OrderProperties properties,
            Clock clock) {
        this.orders = orders;
        this.changes = changes;
        this.outbox = outbox;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /** Stores a new PENDING order and starts its saga with OrderPlaced, whose id becomes the correlation id. */
    @Transactional
    public Order place(NewOrder request) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        EventEnvelope placed = outbox.publish(
                new OrderPlaced(
                        id,
                        request.customerId(),
                        request.customerEmail(),
                        request.items(),
                        request.shippingAddress(),
                        now),
                Causation.newSaga());
        Order order = Order.place(
                id,
                request.customerId(),
                request.customerEmail(),
                request.shippingAddress(),
                request.items().stream()
                        .map(line -> new OrderItem(line.sku(), line.quantity(), null))
                        .toList(),
                placed.id(),
                now,
                properties.deadline());
        orders.insert(order);
        metrics.placed();
        try (MDC.MDCCloseable mdc = MDC.putCloseable("orderId", id.toString())) {
            log.info("Order {} placed with {} lines", id, order.items().size());
        }
        return order;
    }

    /**
     * Cancels the order for the customer while it is in flight; every participant then undoes what it did.
     *
     * @throws OrderNotFoundException if there is no such order
     * @throws OrderNotCancellableException if the order is already COMPLETED or CANCELLED
     */
    @Transactional
    public Order cancel(UUID id) {
        Order order = orders.lock(id).orElseThrow(() -> new OrderNotFoundException(id));
        if (order.status().isTerminal()) {
            throw new OrderNotCancellableException(order);
        }
        try (MDC.MDCCloseable mdc = MDC.putCloseable("orderId", id.toString())) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            changes.apply(
                    order,
                    o -> o.cancel(CancellationReason.CUSTOMER_CANCELLED, Trigger.customerCancellation(now)),
                    OrderChanges.ownDecision(order));
        }
        // The writer locked only the row; the customer sees the whole order.
        return orders.find(id).orElseThrow();
    }
}
