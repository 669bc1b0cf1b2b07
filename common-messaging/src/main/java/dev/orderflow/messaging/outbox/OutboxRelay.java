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
 * Publishes committed outbox rows in id order, at least once, and deletes them once Kafka has them (ADR 0011). Every
 * replica runs one; the one holding the database's relay lock publishes while the others stand by and take over when
 * its session ends. A commit in this JVM wakes it directly, another replica's commit by a notification, and polling
 * covers anything lost. It fetches again at once while rows keep coming: after a full batch, or when a commit was
 * signalled since the last fetch began; otherwise the outbox is drained and it waits. It backs off while Kafka or the
 * database is unavailable; rows simply wait.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final DataSource dataSource;
    private final RelaySignal signal;
    private final OutboxPublisher publisher;
    private final RelayMetrics metrics;
    private final MessagingProperties.Relay settings;
    private final Clock clock;
    private final String name;

    private volatile boolean running;
    private volatile @Nullable Thread thread;
    private volatile @Nullable RelayConnection connection;
    private volatile @Nullable OutboxNotifications notifications;
    private volatile boolean leader;

    OutboxRelay(
            String name,
            DataSource dataSource,
            RelaySignal signal,
            OutboxPublisher publisher,
            RelayMetrics metrics,
            MessagingProperties.Relay settings,
            Clock clock) {
        this.name = name;
        this.dataSource = dataSource;
        this.signal = signal;
        this.publisher = publisher;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    public boolean isLeader() {
        return leader;
    }

    /** Wakes the relay: rows were committed in this JVM. */
    void wakeUp() {
        signal.signal();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        if (settings.listenNotify()) {
            notifications =
                    new OutboxNotifications(dataSource, signal, name + "-notifications", settings.pollInterval());
        }
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
        OutboxNotifications listening = notifications;
        notifications = null;
        if (listening != null) {
            listening.close();
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
                long seen = signal.count();
                if (!leader) {
                    leader = c.tryLead();
                    metrics.leader(leader);
                    if (!leader) {
                        signal.awaitAfter(seen, settings.pollInterval().toMillis());
                        continue;
                    }
                    log.info("Outbox relay {} is now the active publisher", name);
                }
                int fetched = publishBatch(c);
                backoff = newBackoff();
                // A short batch with no commit signalled since the fetch began means the outbox is drained: wait for
                // the next commit instead of fetching again (an empty fetch after every event). Waiting after every
                // short batch regardless cost 4x the latency at 5,000 events/s (benchmarks/README.md).
                if (fetched < settings.batchSize()) {
                    signal.awaitAfter(seen, settings.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
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
            c.deletePublished(result.published().stream().map(OutboxRow::id).toList());
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
            c = new RelayConnection(dataSource);
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
