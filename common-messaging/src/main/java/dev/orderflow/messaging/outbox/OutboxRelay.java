package dev.orderflow.messaging.outbox;

import dev.orderflow.messaging.MessagingProperties;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Publishes committed outbox rows in id order, at least once. Every replica runs one; the one holding the database's
 * relay lock publishes while the others stand by and take over when its session ends. It fetches again at once while
 * the last fetch found rows, waits for a commit notification (or the poll interval) only when a fetch found none, and
 * backs off while Kafka or the database is unavailable; rows simply wait.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final DataSource dataSource;
    private final OutboxPublisher publisher;
    private final RelayMetrics metrics;
    private final MessagingProperties.Relay settings;
    private final Clock clock;
    private final String name;

    private volatile boolean running;
    private volatile @Nullable Thread thread;
    private volatile @Nullable RelayConnection connection;
    private volatile boolean leader;

    OutboxRelay(
            String name,
            DataSource dataSource,
            OutboxPublisher publisher,
            RelayMetrics metrics,
            MessagingProperties.Relay settings,
            Clock clock) {
        this.name = name;
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    public boolean isLeader() {
        return leader;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        if (t != null) {
            t.interrupt();
            closeConnection();
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the consumers (which may write outbox rows while stopping), before nothing else that matters. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    private void run() {
        BackOffExecution backoff = newBackoff();
        while (running) {
            try {
                RelayConnection c = connection();
                if (!leader) {
                    leader = c.tryLead();
                    metrics.leader(leader);
                    if (!leader) {
                        c.awaitNotification(settings.pollInterval().toMillis());
                        continue;
                    }
                    log.info("Outbox relay {} is now the active publisher", name);
                }
                int fetched = publishBatch(c);
                backoff = newBackoff();
                // Waiting after a partial batch too cost 4x the latency at 5,000 events/s (benchmarks/README.md):
                // rows committed meanwhile sat until the next wake-up. Only an empty outbox waits.
                if (fetched == 0) {
                    c.awaitNotification(settings.pollInterval().toMillis());
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Outbox relay {} lost its database session, reconnecting: {}", name, e.getMessage());
                }
                closeConnection();
                pause(backoff);
            } catch (PublishFailedException e) {
                metrics.failed();
                log.warn("Outbox relay {} could not publish, backing off: {}", name, e.getMessage());
                pause(backoff);
            } catch (RuntimeException e) {
                log.error("Outbox relay {} failed unexpectedly, backing off", name, e);
                closeConnection();
                pause(backoff);
            }
        }
        closeConnection();
    }

    /** Publishes one batch; returns how many rows were fetched. */
    int publishBatch(RelayConnection c) throws SQLException {
        List<OutboxRow> rows = c.fetch(settings.batchSize());
        if (rows.isEmpty()) {
            return 0;
        }
        OutboxPublisher.Result result = publisher.publish(rows);
        if (!result.published().isEmpty()) {
            c.markPublished(result.published().stream().map(OutboxRow::id).toList());
            metrics.published(result.published(), clock.instant());
        }
        if (result.failure() != null) {
            throw new PublishFailedException(result.failure());
        }
        return rows.size();
    }

    private RelayConnection connection() throws SQLException {
        RelayConnection c = connection;
        if (c == null) {
            c = new RelayConnection(dataSource, settings.listenNotify());
            connection = c;
        }
        return c;
    }

    private void closeConnection() {
        RelayConnection c = connection;
        connection = null;
        if (leader) {
            leader = false;
            metrics.leader(false);
        }
        if (c != null) {
            c.close();
        }
    }

    private ExponentialBackOff backOffPolicy() {
        ExponentialBackOff policy =
                new ExponentialBackOff(settings.backoffInitial().toMillis(), 2.0);
        policy.setMaxInterval(settings.backoffMax().toMillis());
        return policy;
    }

    private BackOffExecution newBackoff() {
        return backOffPolicy().start();
    }

    private void pause(BackOffExecution backoff) {
        long millis = backoff.nextBackOff();
        if (running && millis > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
        }
    }

    static final class PublishFailedException extends RuntimeException {

        PublishFailedException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
