package dev.orderflow.shipping.support;

import dev.orderflow.events.ShippingAddress;
import dev.orderflow.events.order.CancellationReasons;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.messaging.testkit.ServiceTestKit;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The service test kit with what shipping tests add: the upstream events they send, and the shipment row. */
public class ShippingTestKit extends ServiceTestKit {

    public static final String GROUP = "shipping-service";
    public static final String EMAIL = "ana@example.com";

    ShippingTestKit(ServiceTestKit kit) {
        super(kit);
    }

    public static ShippingAddress address(String country) {
        return new ShippingAddress("Ana", "Main St 1", null, "Berlin", "10115", country);
    }

    public static PaymentAuthorized paymentAuthorized(UUID orderId, String country) {
        return new PaymentAuthorized(
                orderId, UUID.randomUUID(), new BigDecimal("25.00"), "EUR", EMAIL, address(country));
    }

    public static OrderCancelled orderCancelled(UUID orderId) {
        return new OrderCancelled(orderId, CancellationReasons.CUSTOMER_CANCELLED, EMAIL);
    }

    /** The types of every event the service published on the shipping topic for an order, oldest first. */
    public List<String> publishedTypes(UUID orderId) {
        return publishedTypes(orderId, topics().shipping());
    }

    /** The order's shipment row as stored, if any. */
    public Optional<Map<String, Object>> shipment(UUID orderId) {
        return jdbc()
                .sql("select * from shipment where order_id = :orderId")
                .param("orderId", orderId)
                .query()
                .listOfRows()
                .stream()
                .findFirst();
    }

    public String status(UUID orderId) {
        return shipment(orderId).map(row -> (String) row.get("status")).orElse("NONE");
    }
}
