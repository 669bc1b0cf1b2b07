package dev.orderflow.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The notification table. */
@Component
class Notifications {

    private static final String COLUMNS = """
            id, order_id, outcome, channel, status, recipient, reason, total, currency, attempts, last_error,
            next_attempt_at, created_at, sent_at, event_id""";

    private final JdbcClient jdbc;

    Notifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds a notification unless the order already has one for that outcome and channel.
     *
     * @return whether it was added
     */
    boolean add(Notification n) {
        return jdbc.sql("""
                        insert into notification (id, order_id, outcome, channel, status, recipient, reason, total,
                                                  currency, attempts, last_error, next_attempt_at, created_at,
                                                  sent_at, event_id)
                        values (:id, :orderId, :outcome, :channel, :status, :recipient, :reason, :total, :currency,
                                :attempts, :lastError, :nextAttemptAt, :createdAt, :sentAt, :eventId)
                        on conflict on constraint notification_once do nothing
                        """)
                        .param("id", n.id())
                        .param("orderId", n.orderId())
                        .param("outcome", n.outcome().name())
                        .param("channel", n.channel())
                        .param("status", n.status().name())
                        .param("recipient", n.recipient())
                        .param("reason", n.reason())
                        .param("total", n.total())
                        .param("currency", n.currency())
                        .param("attempts", n.attempts())
                        .param("lastError", n.lastError())
                        .param("nextAttemptAt", timestamp(n.nextAttemptAt()))
                        .param("createdAt", timestamp(n.createdAt()))
                        .param("sentAt", timestamp(n.sentAt()))
                        .param("eventId", n.eventId())
                        .update()
                > 0;
    }

    /**
     * Locks up to {@code limit} pending notifications that are due, skipping rows another dispatcher holds. Call in a
     * transaction and claim them in it.
     */
    List<Notification> lockDue(Instant now, Collection<String> channels, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from notification
                        where status = 'PENDING' and next_attempt_at <= :now and channel in (:channels)
                        order by next_attempt_at
                        limit :limit
                        for update skip locked
                        """)
                .param("now", timestamp(now))
                .param("channels", channels)
                .param("limit", limit)
                .query(Notifications::map)
                .list();
    }

    /**
     * Writes a pending notification's new state. A notification already SENT is left alone, so a late result of a
     * delivery whose claim had expired can never undo another dispatcher's success.
     */
    void update(Notification n) {
        jdbc.sql("""
                        update notification
                           set status = :status, attempts = :attempts, last_error = :lastError,
                               next_attempt_at = :nextAttemptAt, sent_at = :sentAt
                         where id = :id and status = 'PENDING'
                        """)
                .param("id", n.id())
                .param("status", n.status().name())
                .param("attempts", n.attempts())
                .param("lastError", n.lastError())
                .param("nextAttemptAt", timestamp(n.nextAttemptAt()))
                .param("sentAt", timestamp(n.sentAt()))
                .update();
    }

    List<Notification> ofOrder(UUID orderId) {
        return jdbc.sql("select " + COLUMNS + " from notification where order_id = :orderId"
                        + " order by created_at, outcome, channel")
                .param("orderId", orderId)
                .query(Notifications::map)
                .list();
    }

    private static Notification map(ResultSet rs, int row) throws SQLException {
        return new Notification(
                rs.getObject("id", UUID.class),
                rs.getObject("order_id", UUID.class),
                Outcome.valueOf(rs.getString("outcome")),
                rs.getString("channel"),
                NotificationStatus.valueOf(rs.getString("status")),
                rs.getString("recipient"),
                rs.getString("reason"),
                rs.getBigDecimal("total"),
                rs.getString("currency"),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                instant(rs.getTimestamp("next_attempt_at")),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("sent_at")),
                rs.getObject("event_id", UUID.class));
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
