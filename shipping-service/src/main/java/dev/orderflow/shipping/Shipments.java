package dev.orderflow.shipping;

import dev.orderflow.events.EventJson;
import dev.orderflow.events.ShippingAddress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code shipment} table: one row per order, locked by every writer of that order. */
@Repository
class Shipments {

    private final JdbcClient jdbc;
    private final Clock clock;

    Shipments(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The order's shipment, locked until the transaction ends. */
    Optional<Shipment> lock(UUID orderId) {
        return jdbc.sql("select * from shipment where order_id = :orderId for update")
                .param("orderId", orderId)
                .query(Shipments::map)
                .optional();
    }

    /**
     * Inserts a new row, or does nothing if a concurrent transaction inserted the order's row first (then waits for
     * it, so a following {@link #lock} sees it).
     *
     * @return whether this row was inserted
     */
    boolean insert(Shipment shipment) {
        return bind(jdbc.sql("""
                                        insert into shipment
                                            (order_id, shipment_id, status, shipping_address, carrier, tracking_number,
                                             failure_reason, cancelled, correlation_id, payment_event_id,
                                             cancel_event_id, traceparent, attempts, next_attempt_at, last_error,
                                             created_at, updated_at)
                                        values (:orderId, :shipmentId, :status, cast(:address as jsonb), :carrier,
                                                :trackingNumber, :failureReason, :cancelled, :correlationId,
                                                :paymentEventId, :cancelEventId, :traceparent, :attempts,
                                                :nextAttemptAt, :lastError, :now, :now)
                                        on conflict (order_id) do nothing
                                        """), shipment).update() > 0;
    }

    void update(Shipment shipment) {
        bind(jdbc.sql("""
                                update shipment set (shipment_id, status, shipping_address, carrier, tracking_number,
                                    failure_reason, cancelled, correlation_id, payment_event_id, cancel_event_id,
                                    traceparent, attempts, next_attempt_at, last_error, updated_at)
                                = (:shipmentId, :status, cast(:address as jsonb), :carrier, :trackingNumber,
                                   :failureReason, :cancelled, :correlationId, :paymentEventId, :cancelEventId,
                                   :traceparent, :attempts, :nextAttemptAt, :lastError, :now)
                                where order_id = :orderId
                                """), shipment).update();
    }

    /**
     * Leases up to {@code limit} shipments whose carrier call is due: each counts an attempt and is hidden from other
     * workers until {@code leaseUntil}, so replicas never take the same row at once, and a worker that dies mid-call
     * leaves its row to be taken again when the lease ends.
     */
    List<Shipment> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                        update shipment set attempts = attempts + 1, next_attempt_at = :leaseUntil, updated_at = :now
                        where order_id in (
                            select order_id from shipment
                            where next_attempt_at <= :now
                            order by next_attempt_at
                            limit :limit
                            for update skip locked)
                        returning *
                        """)
                .param("now", Timestamp.from(now))
                .param("leaseUntil", Timestamp.from(leaseUntil))
                .param("limit", limit)
                .query(Shipments::map)
                .list();
    }

    /** The shipments of an order that reached the carrier (or are on their way to it). */
    List<Shipment> findVisible(UUID orderId) {
        return jdbc.sql("select * from shipment where order_id = :orderId and status <> 'VOIDED'")
                .param("orderId", orderId)
                .query(Shipments::map)
                .list();
    }

    private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Shipment s) {
        Shipment.Booking booking = s.booking();
        ShippingAddress address = s.address();
        return statement
                .param("orderId", s.orderId())
                .param("shipmentId", s.shipmentId())
                .param("status", s.status().name())
                .param("address", address == null ? null : EventJson.mapper().writeValueAsString(address))
                .param("carrier", booking == null ? null : booking.carrier())
                .param("trackingNumber", booking == null ? null : booking.trackingNumber())
                .param("failureReason", s.failureReason())
                .param("cancelled", s.cancelled())
                .param("correlationId", s.causes().correlationId())
                .param("paymentEventId", s.causes().paymentEventId())
                .param("cancelEventId", s.causes().cancelEventId())
                .param("traceparent", s.causes().traceparent())
                .param("attempts", s.attempts())
                .param("nextAttemptAt", timestamp(s.nextAttemptAt()))
                .param("lastError", s.lastError())
                .param("now", Timestamp.from(clock.instant()));
    }

    private static Shipment map(ResultSet rs, int row) throws SQLException {
        String address = rs.getString("shipping_address");
        String carrier = rs.getString("carrier");
        Timestamp next = rs.getTimestamp("next_attempt_at");
        return new Shipment(
                rs.getObject("order_id", UUID.class),
                rs.getObject("shipment_id", UUID.class),
                ShipmentStatus.valueOf(rs.getString("status")),
                address == null ? null : EventJson.mapper().readValue(address, ShippingAddress.class),
                carrier == null ? null : new Shipment.Booking(carrier, rs.getString("tracking_number")),
                rs.getString("failure_reason"),
                rs.getBoolean("cancelled"),
                new Shipment.Causes(
                        rs.getObject("correlation_id", UUID.class),
                        rs.getObject("payment_event_id", UUID.class),
                        rs.getObject("cancel_event_id", UUID.class),
                        rs.getString("traceparent")),
                rs.getInt("attempts"),
                next == null ? null : next.toInstant(),
                rs.getString("last_error"));
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
