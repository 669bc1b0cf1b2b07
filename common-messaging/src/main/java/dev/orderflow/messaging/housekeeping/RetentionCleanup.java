package dev.orderflow.messaging.housekeeping;

import dev.orderflow.messaging.MessagingProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes what the retention settings no longer keep: published outbox rows, settled partner work, inbox records (kept longer than the topics'
 * retention, so a redelivery is still recognised) and dead letters an operator replayed or discarded long enough ago.
 * Small batches, bounded per run, so clean-up never holds long locks or competes with business transactions.
 */
public final class RetentionCleanup {

    private static final Logger log = LoggerFactory.getLogger(RetentionCleanup.class);

    private final JdbcClient jdbc;
    private final MessagingProperties.Retention retention;
    private final Clock clock;

    public RetentionCleanup(JdbcClient jdbc, MessagingProperties.Retention retention, Clock clock) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.clock = clock;
    }

    /** Runs one clean-up pass; returns the number of rows deleted. */
    public int run() {
        int deleted = deleteOlderThan("outbox_event", "published_at", retention.publishedOutbox())
                + deleteOlderThan("inbox_event", "processed_at", retention.inbox())
                // Only dead letters an operator resolved (replayed or discarded); pending ones wait for one (SPEC §5).
                + deleteOlderThan("dead_letter", "coalesce(replayed_at, discarded_at)", retention.deadLetters())
                + deleteOlderThan("partner_work", "settled_at", retention.settledPartnerWork());
        if (deleted > 0) {
            log.info("Retention clean-up deleted {} rows", deleted);
        }
        return deleted;
    }

    /**
     * Oldest first, a batch per statement: the batch is read from the time's index (a column, or the expression an index
     * is built on) and deleted by row address, so a batch costs the same however large the backlog (the idempotency
     * keys of order-service measured 1.7 ms per 1,000 rows this way, 26–30 ms by key).
     */
    private int deleteOlderThan(String table, String time, Duration keep) {
        String sql = "delete from " + table + " where ctid = any (array(select ctid from " + table + " where " + time
                + " < :cutoff order by " + time + " limit :batch)) and " + time + " < :cutoff";
        Timestamp cutoff = Timestamp.from(clock.instant().minus(keep));
        int total = 0;
        for (int batch = 0; batch < retention.cleanupMaxBatches(); batch++) {
            int deleted = jdbc.sql(sql)
                    .param("cutoff", cutoff)
                    .param("batch", retention.cleanupBatchSize())
                    .update();
            total += deleted;
            if (deleted < retention.cleanupBatchSize()) {
                break;
            }
        }
        return total;
    }
}
