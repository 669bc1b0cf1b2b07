package dev.orderflow.shipping;

import dev.orderflow.events.EventJson;
import dev.orderflow.events.ShippingAddress;
import dev.orderflow.messaging.Causation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code shipment} table: one row per order, locked by every writer of that order. */
@Repository
class Shipments {

    private static final String COLUMNS = """
            order_id, shipment_id, status, shipping_address, carrier, tracking_number, failure_reason,
            correlation_id, cancel_event_id""";

    private final JdbcClient jdbc;
    private final Clock clock;

    Shipments(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The order's shipment, locked until the transaction ends. */
    Optional<Shipment> lock(UUID orderId) {
        return jdbc.sql("select " + COLUMNS + " from shipment where order_id = :orderId for update")
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
                                insert into shipment (order_id, shipment_id, status, shipping_address, carrier,
                                    tracking_number, failure_reason, cancelled, correlation_id, cancel_event_id,
                                    created_at, updated_at)
                                values (:orderId, :shipmentId, :status, cast(:address as jsonb), :carrier,
                                    :trackingNumber, :failureReason, :cancelled, :correlationId, :cancelEventId, :now,
                                    :now)
                                on conflict (order_id) do nothing
                                """), shipment).update() > 0;
    }

    void update(Shipment shipment) {
        bind(jdbc.sql("""
                        update shipment set (status, shipping_address, carrier, tracking_number, failure_reason,
                            cancelled, correlation_id, cancel_event_id, updated_at)
                        = (:status, cast(:address as jsonb), :carrier, :trackingNumber, :failureReason, :cancelled,
                           :correlationId, :cancelEventId, :now)
                        where order_id = :orderId
                        """), shipment).update();
    }

    /** The shipments of an order that reached the carrier (or are on their way to it). */
    List<Shipment> findVisible(UUID orderId) {
        return jdbc.sql("select " + COLUMNS + " from shipment where order_id = :orderId and status <> 'VOIDED'")
                .param("orderId", orderId)
                .query(Shipments::map)
                .list();
    }

    private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Shipment s) {
        Shipment.Booking booking = s.booking();
        ShippingAddress address = s.address();
        Causation cancelledBy = s.cancelledBy();
        return statement
                .param("orderId", s.orderId())
                .param("shipmentId", s.shipmentId())
                .param("status", s.status().name())
                .param("address", address == null ? null : EventJson.mapper().writeValueAsString(address))
                .param("carrier", booking == null ? null : booking.carrier())
                .param("trackingNumber", booking == null ? null : booking.trackingNumber())
                .param("failureReason", s.failureReason())
                .param("cancelled", s.isCancelled())
                .param("correlationId", cancelledBy == null ? null : cancelledBy.correlationId())
                .param("cancelEventId", cancelledBy == null ? null : cancelledBy.causationId())
                .param("now", Timestamp.from(clock.instant()));
    }

    private static Shipment map(ResultSet rs, int row) throws SQLException {
        String address = rs.getString("shipping_address");
        String carrier = rs.getString("carrier");
        UUID correlationId = rs.getObject("correlation_id", UUID.class);
        UUID cancelEventId = rs.getObject("cancel_event_id", UUID.class);
        return new Shipment(
                rs.getObject("order_id", UUID.class),
                rs.getObject("shipment_id", UUID.class),
                ShipmentStatus.valueOf(rs.getString("status")),
                address == null ? null : EventJson.mapper().readValue(address, ShippingAddress.class),
                carrier == null ? null : new Shipment.Booking(carrier, rs.getString("tracking_number")),
                rs.getString("failure_reason"),
                cancelEventId == null ? null : Causation.of(correlationId, cancelEventId));
    }
}
