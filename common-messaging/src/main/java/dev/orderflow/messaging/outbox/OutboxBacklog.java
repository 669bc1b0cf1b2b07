package dev.orderflow.messaging.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How far behind the relay is: unpublished rows and the age of the oldest. Sampled on a schedule rather than per
 * scrape, so a scrape never waits on the database; the partial index keeps the query cheap.
 */
public final class OutboxBacklog {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong oldestMillis = new AtomicLong();

    OutboxBacklog(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("orderflow.outbox.backlog", rows, AtomicLong::get)
                .description("Outbox rows written but not yet published")
                .baseUnit("rows")
                .register(registry);
        Gauge.builder("orderflow.outbox.oldest.age", oldestMillis, v -> v.get() / 1000.0)
                .description("Age of the oldest unpublished outbox row")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Re-reads the backlog; called by the housekeeping schedule. */
    public void refresh() {
        jdbc.sql("select count(*) as backlog, min(created_at) as oldest from outbox_event where published_at is null")
                .query((rs, n) -> {
                    rows.set(rs.getLong("backlog"));
                    Timestamp oldest = rs.getTimestamp("oldest");
                    oldestMillis.set(
                            oldest == null
                                    ? 0
                                    : Math.max(
                                            0,
                                            Duration.between(oldest.toInstant(), clock.instant())
                                                    .toMillis()));
                    return null;
                })
                .list();
    }

    public long rows() {
        return rows.get();
    }
}
