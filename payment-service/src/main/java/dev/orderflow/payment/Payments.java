package dev.orderflow.payment;

import dev.orderflow.events.EventJson;
import dev.orderflow.events.ShippingAddress;
import dev.orderflow.messaging.Causation;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code payment} table: one row per order, locked by every writer of that order. */
@Repository
class Payments {

    private static final String COLUMNS = """
            order_id, payment_id, status, customer_id, amount, currency, customer_email, shipping_address,
            decline_reason, refunded_amount, correlation_id, cancel_event_id""";

    private final JdbcClient jdbc;
    private final Clock clock;

    Payments(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The order's payment, locked until the transaction ends. */
    Optional<Payment> lock(UUID orderId) {
        return jdbc.sql("select " + COLUMNS + " from payment where order_id = :orderId for update")
                .param("orderId", orderId)
                .query(Payments::map)
                .optional();
    }

    /**
     * Inserts a new row, or does nothing if a concurrent transaction inserted the order's row first (then waits for
     * it, so a following {@link #lock} sees it).
     *
     * @return whether this row was inserted
     */
    boolean insert(Payment payment) {
        return bind(jdbc.sql("""
                                insert into payment (order_id, payment_id, status, customer_id, amount, currency,
                                    customer_email, shipping_address, decline_reason, refunded_amount, cancelled,
                                    correlation_id, cancel_event_id, created_at, updated_at)
                                values (:orderId, :paymentId, :status, :customerId, :amount, :currency, :customerEmail,
                                    cast(:shippingAddress as jsonb), :declineReason, :refundedAmount, :cancelled,
                                    :correlationId, :cancelEventId, :now, :now)
                                on conflict (order_id) do nothing
                                """), payment).update() > 0;
    }

    void update(Payment payment) {
        bind(jdbc.sql("""
                        update payment set (status, customer_id, amount, currency, customer_email, shipping_address,
                            decline_reason, refunded_amount, cancelled, correlation_id, cancel_event_id, updated_at)
                        = (:status, :customerId, :amount, :currency, :customerEmail, cast(:shippingAddress as jsonb),
                           :declineReason, :refundedAmount, :cancelled, :correlationId, :cancelEventId, :now)
                        where order_id = :orderId
                        """), payment).update();
    }

    /** The payments of an order that reached the provider (or are on their way to it). */
    List<Payment> findVisible(UUID orderId) {
        return jdbc.sql("select " + COLUMNS + " from payment where order_id = :orderId and status <> 'VOIDED'")
                .param("orderId", orderId)
                .query(Payments::map)
                .list();
    }

    private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Payment p) {
        Payment.Charge charge = p.charge();
        Payment.Recipient recipient = p.recipient();
        Causation cancelledBy = p.cancelledBy();
        return statement
                .param("orderId", p.orderId())
                .param("paymentId", p.paymentId())
                .param("status", p.status().name())
                .param("customerId", charge == null ? null : charge.customerId())
                .param("amount", charge == null ? null : charge.amount())
                .param("currency", charge == null ? null : charge.currency())
                .param("customerEmail", recipient == null ? null : recipient.customerEmail())
                .param(
                        "shippingAddress",
                        recipient == null ? null : EventJson.mapper().writeValueAsString(recipient.shippingAddress()))
                .param("declineReason", p.declineReason())
                .param("refundedAmount", p.refundedAmount())
                .param("cancelled", p.isCancelled())
                .param("correlationId", cancelledBy == null ? null : cancelledBy.correlationId())
                .param("cancelEventId", cancelledBy == null ? null : cancelledBy.causationId())
                .param("now", Timestamp.from(clock.instant()));
    }

    private static Payment map(ResultSet rs, int row) throws SQLException {
        BigDecimal amount = rs.getBigDecimal("amount");
        String email = rs.getString("customer_email");
        String address = rs.getString("shipping_address");
        UUID correlationId = rs.getObject("correlation_id", UUID.class);
        UUID cancelEventId = rs.getObject("cancel_event_id", UUID.class);
        return new Payment(
                rs.getObject("order_id", UUID.class),
                rs.getObject("payment_id", UUID.class),
                PaymentStatus.valueOf(rs.getString("status")),
                amount == null
                        ? null
                        : new Payment.Charge(rs.getString("customer_id"), amount, rs.getString("currency")),
                email == null || address == null
                        ? null
                        : new Payment.Recipient(email, EventJson.mapper().readValue(address, ShippingAddress.class)),
                rs.getString("decline_reason"),
                rs.getBigDecimal("refunded_amount"),
                cancelEventId == null ? null : Causation.of(correlationId, cancelEventId));
    }
}
