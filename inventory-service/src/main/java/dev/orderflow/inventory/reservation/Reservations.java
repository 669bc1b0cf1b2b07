package dev.orderflow.inventory.reservation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reservation rows: inventory's record of each order, locked by every handler that touches the order. */
@Repository
class Reservations {

    private final JdbcClient jdbc;

    Reservations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The order's record, locked until the transaction ends, or empty if inventory has never seen the order. */
    Optional<Reservation> lock(UUID orderId) {
        record Row(UUID reservationId, Reservation.State state) {}
        return jdbc.sql("select reservation_id, state from reservation where order_id = :orderId for update")
                .param("orderId", orderId)
                .query((rs, n) -> new Row(
                        rs.getObject("reservation_id", UUID.class), Reservation.State.valueOf(rs.getString("state"))))
                .optional()
                .map(row -> new Reservation(orderId, row.reservationId(), row.state(), lines(orderId)));
    }

    /**
     * Records an order inventory has not seen yet.
     *
     * @return {@code false} if a concurrent transaction recorded the order first
     */
    boolean insert(Reservation reservation) {
        int inserted = jdbc.sql("""
                        insert into reservation (order_id, reservation_id, state) values (:orderId, :reservationId, :state)
                        on conflict (order_id) do nothing
                        """)
                .param("orderId", reservation.orderId())
                .param("reservationId", reservation.reservationId())
                .param("state", reservation.state().name())
                .update();
        if (inserted == 0) {
            return false;
        }
        for (ReservedLine line : reservation.lines()) {
            jdbc.sql("""
                            insert into reservation_line (order_id, sku, quantity, unit_price)
                            values (:orderId, :sku, :quantity, :unitPrice)
                            """)
                    .param("orderId", reservation.orderId())
                    .param("sku", line.sku())
                    .param("quantity", line.quantity())
                    .param("unitPrice", line.unitPrice())
                    .update();
        }
        return true;
    }

    /** Writes the new state of a locked record; its lines never change. */
    void updateState(Reservation reservation) {
        jdbc.sql("update reservation set state = :state, updated_at = now() where order_id = :orderId")
                .param("state", reservation.state().name())
                .param("orderId", reservation.orderId())
                .update();
    }

    private List<ReservedLine> lines(UUID orderId) {
        return jdbc.sql("select sku, quantity, unit_price from reservation_line where order_id = :orderId order by sku")
                .param("orderId", orderId)
                .query(ReservedLine.class)
                .list();
    }
}
