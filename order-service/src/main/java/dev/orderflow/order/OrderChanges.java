package dev.orderflow.order;

import dev.orderflow.events.order.OrderEvent;
import dev.orderflow.messaging.Causation;
import dev.orderflow.messaging.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies one transition to an order whose row the caller has locked, and stores everything it led to in the caller's
 * transaction: what changed in the order and its new timeline entry, the events it owes the other services (through the
 * outbox) and the metrics of a status change.
 */
@Component
class OrderChanges {

    private static final Logger log = LoggerFactory.getLogger(OrderChanges.class);

    private final Orders orders;
    private final Outbox outbox;
    private final OrderMetrics metrics;

    OrderChanges(Orders orders, Outbox outbox, OrderMetrics metrics) {
        this.orders = orders;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    void apply(Order order, Consumer<Order> transition, Causation causation) {
        OrderStatus before = order.status();
        Instant stageStart = order.statusChangedAt();
        transition.accept(order);
        for (OrderEvent event : order.takeAnnouncements()) {
            outbox.publish(event, causation);
        }
        orders.save(order);
        if (order.status() != before) {
            metrics.statusChanged(order, Duration.between(stageStart, order.statusChangedAt()));
            log.info(
                    "Order {} moved from {} to {}{}",
                    order.id(),
                    before,
                    order.status(),
                    order.cancellationReason() == null ? "" : " (" + order.cancellationReason() + ")");
        }
    }

    /** What the service decides on its own (customer cancel, deadline) follows the last event the order received. */
    static Causation ownDecision(Order order) {
        return Causation.of(order.correlationId(), order.lastEventId());
    }
}
