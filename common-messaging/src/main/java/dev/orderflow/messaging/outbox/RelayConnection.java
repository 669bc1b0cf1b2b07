package dev.orderflow.messaging.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The relay's own database session: it takes and renews the relay lease, reads the unpublished rows and deletes the
 * published ones (ADR 0015). Every delete checks, in the same statement, that the lease it was given is still the
 * current one and still runs, so a relay that lost its lease deletes nothing, whatever its session. Every call is
 * bounded by a network time-out, so a half-open connection fails the relay's thread instead of blocking it.
 */
final class RelayConnection implements AutoCloseable {

    /** Advisory lock key pair: "Orderflow outbox relay", taken by relays before ADR 0015. */
    private static final int LOCK_CLASS = 0x4f46;

    private static final int LOCK_OBJECT = 1;
    static final String CHANNEL = "orderflow_outbox";

    private static final String TAKE_OVER = """
            update outbox_relay_lease
               set epoch = epoch + 1, holder = ?, expires_at = now() + ? * interval '1 millisecond'
             where relay = 'outbox' and expires_at <= now()
            returning epoch
            """;
    private static final String RENEW = """
            update outbox_relay_lease set expires_at = now() + ? * interval '1 millisecond'
             where relay = 'outbox' and epoch = ? and expires_at > now()
            """;
    private static final String RELEASE =
            "update outbox_relay_lease set expires_at = '-infinity' where relay = 'outbox' and epoch = ?";
    /**
     * {@code for share} waits for a take-over in progress and then re-reads the lease row, so a delete racing a
     * take-over sees the new epoch and deletes nothing.
     */
    private static final String DELETE_FENCED = """
            with lease as (
                select from outbox_relay_lease
                 where relay = 'outbox' and epoch = ? and expires_at > now()
                   for share
            ), published as (
                delete from outbox_event where id = any (?) and exists (select from lease)
            )
            select exists (select from lease)
            """;

    private final Connection connection;
    private final PreparedStatement fetch;
    private final PreparedStatement delete;
    private @Nullable Boolean readOnly;

    RelayConnection(DataSource dataSource, Duration networkTimeout) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(true);
            // Reset by the pool when the connection goes back, so business transactions keep the pool's setting.
            c.setNetworkTimeout(Runnable::run, Math.toIntExact(networkTimeout.toMillis()));
            // Rows an older relay marked published (published_at) are not sent again.
            this.fetch = c.prepareStatement("select " + OutboxRow.COLUMNS
                    + " from outbox_event where published_at is null order by id limit ?");
            this.delete = c.prepareStatement(DELETE_FENCED);
            this.connection = c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * A standby, or a session that cannot write: a relay connected to it must not lead. Asked once per connection (a
     * standby relay would otherwise ask at every poll): a session never moves from a standby to a primary, and a
     * primary that is demoted ends its sessions.
     */
    boolean isReadOnly() throws SQLException {
        Boolean known = readOnly;
        if (known != null) {
            return known;
        }
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "select pg_is_in_recovery() or current_setting('transaction_read_only') = 'on'")) {
            rs.next();
            readOnly = rs.getBoolean(1);
            return readOnly;
        }
    }

    /**
     * Takes the relay lease if it has run out, with the next epoch.
     *
     * @return the lease, or null while another relay's runs
     */
    @Nullable
    RelayLease tryLead(String holder, Duration duration) throws SQLException {
        long start = System.nanoTime();
        RelayLease lease;
        try (PreparedStatement statement = connection.prepareStatement(TAKE_OVER)) {
            statement.setString(1, holder);
            statement.setLong(2, duration.toMillis());
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                lease = RelayLease.startingAt(rs.getLong(1), start, duration);
            }
        }
        // Relays older than ADR 0015 lead by this lock: holding it keeps them standing by during a rollout.
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
            statement.setInt(1, LOCK_CLASS);
            statement.setInt(2, LOCK_OBJECT);
            statement.execute();
        }
        return lease;
    }

    /**
     * Extends a lease that still runs.
     *
     * @return the extended lease, or null if it ran out or another relay took it over
     */
    @Nullable
    RelayLease renew(RelayLease lease, Duration duration) throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement(RENEW)) {
            statement.setLong(1, duration.toMillis());
            statement.setLong(2, lease.epoch());
            return statement.executeUpdate() == 1 ? RelayLease.startingAt(lease.epoch(), start, duration) : null;
        }
    }

    /** Ends a lease at once, so a standby takes over at its next attempt rather than when the lease runs out. */
    void release(RelayLease lease) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RELEASE)) {
            statement.setLong(1, lease.epoch());
            statement.executeUpdate();
        }
    }

    List<OutboxRow> fetch(int limit) throws SQLException {
        fetch.setInt(1, limit);
        try (ResultSet rs = fetch.executeQuery()) {
            List<OutboxRow> rows = new ArrayList<>(limit);
            while (rs.next()) {
                rows.add(OutboxRow.map(rs));
            }
            return rows;
        }
    }

    /**
     * Deletes published rows (Kafka holds them now), if the lease is still current and runs.
     *
     * @return false if it is not: nothing was deleted, and the caller no longer leads
     */
    boolean deletePublished(RelayLease lease, List<Long> ids) throws SQLException {
        Array array = connection.createArrayOf("bigint", ids.toArray());
        try {
            delete.setLong(1, lease.epoch());
            delete.setArray(2, array);
            try (ResultSet rs = delete.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } finally {
            array.free();
        }
    }

    /** Closes the connection under a thread that may be using it, without a word to the server. */
    void abort() {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException ignored) {
            // Closing anyway.
        }
    }

    /**
     * Gives up the advisory lock, then hands the connection back. A pooled connection outlives this object, so its
     * session must not keep the lock; if the session is broken, the lock went with it.
     */
    @Override
    public void close() {
        try (Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_unlock_all()");
        } catch (SQLException ignored) {
            // A broken session holds nothing any more.
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Nothing left to release.
            }
        }
    }
}
