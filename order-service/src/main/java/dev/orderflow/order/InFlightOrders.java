package dev.orderflow.order;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stuck-order detector: how many orders are in flight by status, how old the oldest is, and how many are past their
 * deadline (which the deadline scan should never let happen for long). Refreshed by one grouped query on the partial
 * index of in-flight orders every {@code orderflow.orders.in-flight-metrics-interval}; the oldest order's age is
 * computed at each scrape, so it keeps growing between refreshes.
 */
@Component
class InFlightOrders {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<OrderStatus, AtomicLong> byStatus = new EnumMap<>(OrderStatus.class);
    private final AtomicLong overdue = new AtomicLong();
    private final AtomicReference<@Nullable Instant> oldest = new AtomicReference<>();

    InFlightOrders(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        for (OrderStatus status : OrderStatus.values()) {
            if (!status.isTerminal()) {
                AtomicLong count = new AtomicLong();
                byStatus.put(status, count);
                Gauge.builder("orderflow.orders.in.flight", count, AtomicLong::get)
                        .description("Orders not yet COMPLETED or CANCELLED, by status")
                        .tag("status", status.name())
                        .register(registry);
            }
        }
        Gauge.builder("orderflow.orders.oldest.in.flight.age", this, InFlightOrders::oldestAgeSeconds)
                .description("Age of the oldest order not yet COMPLETED or CANCELLED; 0 when there is none")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("orderflow.orders.overdue", overdue, AtomicLong::get)
                .description("Orders in flight past their deadline (the deadline scan cancels them)")
                .register(registry);
    }

    /** Reads the current figures; called by the scheduled job. */
    void refresh() {
        Instant now = clock.instant();
        Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
        AtomicReference<@Nullable Instant> earliest = new AtomicReference<>();
        AtomicLong late = new AtomicLong();
        jdbc.sql("""
                        select status, count(*) as orders, min(created_at) as oldest,
                               count(*) filter (where deadline_at < :now) as overdue
                          from orders
                         where status not in ('COMPLETED', 'CANCELLED')
                         group by status
                        """).param("now", Timestamp.from(now)).query(rs -> {
            counts.put(OrderStatus.valueOf(rs.getString("status")), rs.getLong("orders"));
            Instant first = rs.getTimestamp("oldest").toInstant();
            earliest.accumulateAndGet(first, (a, b) -> a == null || b.isBefore(a) ? b : a);
            late.addAndGet(rs.getLong("overdue"));
        });
        byStatus.forEach((status, count) -> count.set(counts.getOrDefault(status, 0L)));
        overdue.set(late.get());
        oldest.set(earliest.get());
    }

    private double oldestAgeSeconds() {
        Instant first = oldest.get();
        if (first == null) {
            return 0;
        }
        return Math.max(0, Duration.between(first, clock.instant()).toMillis() / 1000.0);
    }
}
