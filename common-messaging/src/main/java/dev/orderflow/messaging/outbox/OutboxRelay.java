package dev.orderflow.messaging.outbox;

import dev.orderflow.messaging.MessagingProperties;
import java.lang.management.ManagementFactory;
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
 * replica runs one; the one holding the relay lease publishes while the others stand by and take over once it runs out
 * (ADR 0015). The leader renews its lease while it works; one cut off from its database stops sending when its lease
 * runs out, and every delete checks the lease, so a former leader changes nothing. A commit in this JVM wakes it
 * directly, another replica's commit by a notification, and polling covers anything lost. It fetches again at once
 * while rows keep coming: after a full batch, or when a commit was signalled since the last fetch began; otherwise the
 * outbox is drained and it waits. It backs off while Kafka or the database is unavailable; rows simply wait.
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
    private final String holder;

    private volatile boolean running;
    private volatile @Nullable Thread thread;
    private volatile @Nullable RelayConnection connection;
    private volatile @Nullable OutboxNotifications notifications;
    private volatile @Nullable RelayLease lease;
    private boolean readOnlyReported;

    OutboxRelay(
            String name,
            DataSource dataSource,
            RelaySignal signal,
            OutboxPublisher publisher,
            RelayMetrics metrics,
            MessagingProperties.Relay settings,
            Clock clock) {
        if (settings.lease().compareTo(settings.pollInterval().multipliedBy(3)) < 0) {
            throw new IllegalStateException("orderflow.messaging.relay.lease (" + settings.lease()
                    + ") must be at least three times orderflow.messaging.relay.poll-interval ("
                    + settings.pollInterval() + "): the leader renews its lease between polls");
        }
        this.name = name;
        this.dataSource = dataSource;
        this.signal = signal;
        this.publisher = publisher;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.holder = name + " " + ManagementFactory.getRuntimeMXBean().getName();
    }

    /** Whether this relay holds a lease that has not run out: it is the active publisher. */
    public boolean isLeader() {
        RelayLease current = lease;
        return current != null && current.isValid();
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
        metrics.leaderOf(this::isLeader);
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
            // Woken from its waits, the relay ends its lease and hands its connection back itself.
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5));
                if (t.isAlive()) {
                    abortConnection();
                    t.join(Duration.ofSeconds(5));
                }
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
                if (lead(c) == null) {
                    signal.awaitAfter(seen, settings.pollInterval().toMillis());
                    continue;
                }
                int fetched = publishBatch(c);
                backoff = newBackoff();
                // A short batch with no commit signalled since the fetch began means the outbox is drained: wait for
                // the next commit instead of fetching again (an empty fetch after every event). Waiting after every
                // short batch regardless cost 4x the latency at 5,000 events/s (benchmarks/README.md).
                if (fetched < settings.batchSize() && isLeader()) {
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

    /**
     * The lease this relay leads by: the one it holds, renewed when due, or a new one if the last ran out and no other
     * relay holds one. Null while it stands by.
     */
    private @Nullable RelayLease lead(RelayConnection c) throws SQLException {
        if (lease != null) {
            if (keepLease(c)) {
                return lease;
            }
            lostLeadership("it could not renew its lease in time");
            return null;
        }
        if (c.isReadOnly()) {
            metrics.readOnlySession();
            if (!readOnlyReported) {
                readOnlyReported = true;
                log.warn("Outbox relay {} is connected to a standby or a read-only session and will not lead", name);
            }
            // Handed back, so the pool may give a connection to the primary next time.
            closeConnection();
            return null;
        }
        readOnlyReported = false;
        RelayLease taken = c.tryLead(holder, settings.lease());
        if (taken != null) {
            lease = taken;
            log.info("Outbox relay {} is now the active publisher (lease epoch {})", name, taken.epoch());
        }
        return taken;
    }

    /** Renews the lease if that is due; false once it is gone (it ran out, or another relay holds the lease now). */
    private boolean keepLease(RelayConnection c) throws SQLException {
        RelayLease current = lease;
        if (current == null || !current.isValid()) {
            return false;
        }
        if (!current.isRenewalDue()) {
            return true;
        }
        RelayLease renewed = c.renew(current, settings.lease());
        if (renewed == null) {
            return false;
        }
        lease = renewed;
        return true;
    }

    /**
     * {@link #keepLease}, for the publisher: a renewal that fails leaves the lease to run out; the fenced delete after
     * the sends tells whether it survived.
     */
    private boolean keepWhileSending(RelayConnection c) {
        try {
            return keepLease(c);
        } catch (SQLException e) {
            log.debug("Outbox relay {} could not renew its lease while sending: {}", name, e.toString());
            return isLeader();
        }
    }

    /**
     * Publishes one batch as the leader; returns how many rows were fetched. The delete of what Kafka acknowledged is
     * fenced by the lease's epoch in the same statement: no round trip is added to check it.
     */
    private int publishBatch(RelayConnection c) throws SQLException {
        List<OutboxRow> rows = c.fetch(settings.batchSize());
        if (rows.isEmpty()) {
            return 0;
        }
        OutboxPublisher.Result result = publisher.publish(rows, () -> keepWhileSending(c));
        RelayLease now = lease;
        if (!result.published().isEmpty() && now != null) {
            if (!c.deletePublished(
                    now, result.published().stream().map(OutboxRow::id).toList())) {
                lostLeadership("its lease ran out while it was sending; the rows it sent stay for the next leader");
                return rows.size();
            }
            metrics.published(result.published(), clock.instant());
        }
        if (result.leadershipLost()) {
            lostLeadership("its lease ran out while it was sending");
            return rows.size();
        }
        if (result.failure() != null) {
            throw new PublishFailedException(result.failure());
        }
        return rows.size();
    }

    /** Stops leading: the connection goes back, the next cycle starts from a new one. */
    private void lostLeadership(String why) {
        log.warn("Outbox relay {} is no longer the active publisher: {}", name, why);
        closeConnection();
    }

    private RelayConnection connection() throws SQLException {
        RelayConnection c = connection;
        if (c == null) {
            c = new RelayConnection(dataSource, settings.lease());
            connection = c;
        }
        return c;
    }

    /** Ends a lease that still runs, so a standby need not wait for it, and hands the connection back. */
    private void closeConnection() {
        RelayConnection c = connection;
        connection = null;
        RelayLease current = lease;
        lease = null;
        if (current != null && running) {
            metrics.leadershipLost();
        }
        if (c != null) {
            if (current != null && current.isValid()) {
                try {
                    c.release(current);
                } catch (SQLException e) {
                    log.debug("Outbox relay {} could not end its lease; it runs out: {}", name, e.toString());
                }
            }
            c.close();
        }
    }

    /** For a relay thread that does not stop: its connection is closed under it, without a word to the server. */
    private void abortConnection() {
        RelayConnection c = connection;
        if (c != null) {
            c.abort();
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

    /** Backs off; a leader keeps its lease meanwhile, so waiting for Kafka does not hand leadership around. */
    private void pause(BackOffExecution backoff) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff.nextBackOff());
        while (running) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            RelayLease current = lease;
            RelayConnection c = connection;
            if (current != null && c != null) {
                if (current.isRenewalDue()) {
                    try {
                        if (!keepLease(c)) {
                            lostLeadership("it could not renew its lease in time");
                        }
                    } catch (SQLException e) {
                        log.warn("Outbox relay {} lost its database session: {}", name, e.getMessage());
                        closeConnection();
                    }
                    continue;
                }
                left = Math.min(left, current.nanosUntilRenewal());
            }
            LockSupport.parkNanos(left);
        }
    }

    static final class PublishFailedException extends RuntimeException {

        PublishFailedException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
