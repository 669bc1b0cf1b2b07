package dev.orderflow.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How many rows of a table wait, and how long the oldest has waited, re-read by {@link #refresh} on the housekeeping
 * schedule rather than per scrape, so a scrape never waits on the database. Gauges read {@link #count} and
 * {@link #oldestAgeSeconds}.
 */
public final class SampledBacklog {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String query;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong oldestMillis = new AtomicLong();

    /**
     * @param table the table
     * @param since the column of the time a row started waiting
     * @param waiting the condition of a waiting row
     */
    public SampledBacklog(JdbcClient jdbc, Clock clock, String table, String since, String waiting) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.query = "select count(*) as waiting, min(" + since + ") as oldest from " + table + " where " + waiting;
    }

    /** Re-reads the count and the oldest row's time. */
    public void refresh() {
        jdbc.sql(query)
                .query((rs, n) -> {
                    count.set(rs.getLong("waiting"));
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

    /** Waiting rows at the last refresh. */
    public long count() {
        return count.get();
    }

    /** Age of the oldest waiting row at the last refresh; 0 when none waited. */
    public double oldestAgeSeconds() {
        return oldestMillis.get() / 1000.0;
    }
}
