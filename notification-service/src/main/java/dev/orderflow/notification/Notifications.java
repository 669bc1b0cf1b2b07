package dev.orderflow.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The notification table. */
@Component
class Notifications {

    private static final String COLUMNS = """
            id, order_id, outcome, channel, status, recipient, reason, total, currency, created_at, sent_at, event_id""";

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
        // next_attempt_at drove the dispatcher of the previous version; 'infinity' keeps a replica of that version,
        // still running during a rollout, off the rows partner work delivers (expand/contract).
        return jdbc.sql("""
                        insert into notification (id, order_id, outcome, channel, status, recipient, reason, total,
                                                  currency, next_attempt_at, created_at, sent_at, event_id)
                        values (:id, :orderId, :outcome, :channel, :status, :recipient, :reason, :total, :currency,
                                'infinity', :createdAt, :sentAt, :eventId)
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
                        .param("createdAt", timestamp(n.createdAt()))
                        .param("sentAt", timestamp(n.sentAt()))
                        .param("eventId", n.eventId())
                        .update()
                > 0;
    }

    /** Locks an order's notifications, in id order: what every delivery result takes first. */
    void lockOrder(UUID orderId) {
        jdbc.sql("select id from notification where order_id = :orderId order by id for update")
                .param("orderId", orderId)
                .query(UUID.class)
                .list();
    }

    Optional<Notification> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from notification where id = :id")
                .param("id", id)
                .query(Notifications::map)
                .optional();
    }

    /**
     * Records that a pending notification was sent. One already SENT is left alone (a replica of the previous version
     * may have sent it during a rollout).
     */
    void update(Notification n) {
        jdbc.sql("""
                        update notification set status = :status, sent_at = :sentAt
                         where id = :id and status = 'PENDING'
                        """)
                .param("id", n.id())
                .param("status", n.status().name())
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
                rs.getTimestamp("created_at").toInstant(),
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
