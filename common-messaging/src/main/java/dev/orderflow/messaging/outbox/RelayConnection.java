package dev.orderflow.messaging.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The relay's own database session. It holds the relay's advisory lock, so exactly one relay per database publishes at
 * a time and a crashed relay's lock is released with its session; and it reads and deletes the rows it published, so a
 * relay whose session died can delete nothing. Deleting is cheaper than marking (ADR 0011): no index entry is added
 * and the row is gone from the next fetch's way.
 */
final class RelayConnection implements AutoCloseable {

    /** Advisory lock key pair: "Orderflow outbox relay". */
    private static final int LOCK_CLASS = 0x4f46;

    private static final int LOCK_OBJECT = 1;
    static final String CHANNEL = "orderflow_outbox";

    private final Connection connection;
    private final PreparedStatement fetch;
    private final PreparedStatement delete;

    RelayConnection(DataSource dataSource) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(true);
            // Rows an older relay marked published (published_at) are not sent again.
            this.fetch = c.prepareStatement("select " + OutboxRow.COLUMNS
                    + " from outbox_event where published_at is null order by id limit ?");
            this.delete = c.prepareStatement("delete from outbox_event where id = any (?)");
            this.connection = c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Takes the relay lock if no other session holds it, and never on a standby or a read-only session (ADR 0014): a
     * standby has advisory locks of its own, so such a relay would lead beside the primary's, sending the rows it can
     * read there again and again, since it can delete none. Re-entrant calls are avoided by the caller.
     */
    boolean tryLead() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select case when pg_is_in_recovery() or current_setting('transaction_read_only') = 'on' then false"
                        + " else pg_try_advisory_lock(?, ?) end")) {
            statement.setInt(1, LOCK_CLASS);
            statement.setInt(2, LOCK_OBJECT);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
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

    /** Deletes published rows: Kafka holds them now. */
    void deletePublished(List<Long> ids) throws SQLException {
        Array array = connection.createArrayOf("bigint", ids.toArray());
        try {
            delete.setArray(1, array);
            delete.executeUpdate();
        } finally {
            array.free();
        }
    }

    /**
     * Gives up the lock, then hands the connection back. A pooled connection outlives this object,
     * so its session must not keep the lock; if the session is broken, the lock went with it.
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
