package dev.orderflow.messaging.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits of other replicas, heard on a connection of its own ({@code LISTEN orderflow_outbox}): each notification
 * wakes the relay. Commits in this JVM wake it directly, without a notification. The connection's notifications are
 * drained as they come, so nothing piles up in the driver while the relay is busy or Kafka is down.
 */
final class OutboxNotifications implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxNotifications.class);

    private final DataSource dataSource;
    private final RelaySignal signal;
    private final Duration reconnectDelay;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile @Nullable Connection connection;

    OutboxNotifications(DataSource dataSource, RelaySignal signal, String name, Duration reconnectDelay) {
        this.dataSource = dataSource;
        this.signal = signal;
        this.reconnectDelay = reconnectDelay;
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
        this.thread.start();
    }

    private void run() {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement statement = c.createStatement()) {
                    statement.execute("listen " + RelayConnection.CHANNEL);
                }
                connection = c;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) reconnectDelay.toMillis());
                    if (notifications != null && notifications.length > 0) {
                        signal.signal();
                    }
                }
                try (Statement statement = c.createStatement()) {
                    statement.execute("unlisten *");
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.debug("Outbox notifications interrupted, listening again: {}", e.toString());
                    // The relay polls meanwhile; a lost notification costs latency only.
                    signal.signal();
                    try {
                        Thread.sleep(reconnectDelay);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            } finally {
                connection = null;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.abort(Runnable::run);
            } catch (SQLException ignored) {
                // Closing anyway.
            }
        }
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
