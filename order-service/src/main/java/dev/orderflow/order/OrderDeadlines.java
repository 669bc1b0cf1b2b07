package dev.orderflow.order;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cancels orders still in flight when their deadline passes (TIMED_OUT), so every accepted order ends. Safe with many
 * replicas: each batch locks its orders with {@code skip locked}, so two scanners never take the same order, and a
 * cancelled order is final, so a later scan leaves it alone.
 */
@Component
class OrderDeadlines {

    private static final Logger log = LoggerFactory.getLogger(OrderDeadlines.class);

    private final Orders orders;
    private final OrderChanges changes;
    private final TransactionTemplate transactions;
    private final OrderProperties.Job settings;
    private final Clock clock;

    OrderDeadlines(
            Orders orders,
            OrderChanges changes,
            TransactionTemplate transactions,
            OrderProperties properties,
            Clock clock) {
        this.orders = orders;
        this.changes = changes;
        this.transactions = transactions;
        this.settings = properties.deadlineScan();
        this.clock = clock;
    }

    /** One scan: small transactions of at most a batch each, until nothing is overdue or the run's budget is spent. */
    int cancelOverdue() {
        int cancelled = 0;
        for (int batch = 0; batch < settings.maxBatches(); batch++) {
            Integer count = transactions.execute(status -> cancelBatch());
            cancelled += count == null ? 0 : count;
            if (count == null || count < settings.batchSize()) {
                break;
            }
        }
        return cancelled;
    }

    private int cancelBatch() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Order> overdue = orders.lockOverdue(now, settings.batchSize());
        for (Order order : overdue) {
            if (!order.isOverdue(now)) {
                continue;
            }
            UUID id = order.id();
            try (MDC.MDCCloseable mdc = MDC.putCloseable("orderId", id.toString())) {
                changes.apply(
                        order,
                        o -> o.cancel(CancellationReason.TIMED_OUT, Trigger.deadline(now)),
                        OrderChanges.ownDecision(order));
                log.info("Order {} timed out after its deadline {}", id, order.deadlineAt());
            }
        }
        return overdue.size();
    }
}
