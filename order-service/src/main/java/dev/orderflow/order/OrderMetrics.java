package dev.orderflow.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The business metrics of the saga, counted only once the transaction that made the change commits (a rolled-back or
 * retried transition never counts twice). No customer data in tags.
 */
@Component
class OrderMetrics {

    private final Counter placed;
    private final Counter completed;
    private final Map<CancellationReason, Counter> cancelled = new EnumMap<>(CancellationReason.class);
    private final Map<OrderStatus, Timer> sagaDuration = new EnumMap<>(OrderStatus.class);
    private final Map<OrderStatus, Timer> stageDuration = new EnumMap<>(OrderStatus.class);

    OrderMetrics(MeterRegistry registry) {
        placed = Counter.builder("orderflow.orders.placed")
                .description("Orders accepted by the API")
                .register(registry);
        completed = Counter.builder("orderflow.orders.completed")
                .description("Orders that completed the saga")
                .register(registry);
        for (CancellationReason reason : CancellationReason.values()) {
            cancelled.put(
                    reason,
                    Counter.builder("orderflow.orders.cancelled")
                            .description("Orders cancelled, by reason")
                            .tag("reason", reason.name())
                            .register(registry));
        }
        for (OrderStatus status : OrderStatus.values()) {
            if (status.isTerminal()) {
                sagaDuration.put(
                        status,
                        histogram("orderflow.saga.duration")
                                .description("From placing an order to its final status")
                                .tag("outcome", status.name())
                                .register(registry));
            }
            if (status != OrderStatus.PENDING) {
                stageDuration.put(
                        status,
                        histogram("orderflow.saga.stage.duration")
                                .description("From an order's previous status to this one")
                                .tag("status", status.name())
                                .register(registry));
            }
        }
    }

    void placed() {
        afterCommit(placed::increment);
    }

    /** Records a status change: the stage it ended and, for a final status, the whole saga. */
    void statusChanged(Order order, Duration stage) {
        OrderStatus status = order.status();
        CancellationReason reason = order.cancellationReason();
        Duration saga = Duration.between(order.createdAt(), order.statusChangedAt());
        afterCommit(() -> {
            stageDuration.get(status).record(stage);
            if (status.isTerminal()) {
                sagaDuration.get(status).record(saga);
            }
            if (status == OrderStatus.COMPLETED) {
                completed.increment();
            } else if (reason != null) {
                cancelled.get(reason).increment();
            }
        });
    }

    private static Timer.Builder histogram(String name) {
        return Timer.builder(name)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10));
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
