package dev.orderflow.messaging.outbox;

import dev.orderflow.messaging.SampledBacklog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How far behind the relay is: unpublished rows and the age of the oldest. Sampled on a schedule rather than per
 * scrape, so a scrape never waits on the database; the partial index keeps the query cheap.
 */
public final class OutboxBacklog {

    private final SampledBacklog backlog;

    OutboxBacklog(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        this.backlog = new SampledBacklog(jdbc, clock, "outbox_event", "created_at", "published_at is null");
        Gauge.builder("orderflow.outbox.backlog", backlog, SampledBacklog::count)
                .description("Outbox rows written but not yet published")
                .baseUnit("rows")
                .register(registry);
        Gauge.builder("orderflow.outbox.oldest.age", backlog, SampledBacklog::oldestAgeSeconds)
                .description("Age of the oldest unpublished outbox row")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Re-reads the backlog; called by the housekeeping schedule. */
    public void refresh() {
        backlog.refresh();
    }

    public long rows() {
        return backlog.count();
    }
}
