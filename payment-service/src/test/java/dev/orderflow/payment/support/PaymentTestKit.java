package dev.orderflow.payment.support;

import dev.orderflow.events.PricedLine;
import dev.orderflow.events.ShippingAddress;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.order.CancellationReasons;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.messaging.testkit.ServiceTestKit;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The service test kit with what payment tests add: the upstream events they send, and the payment row. */
public class PaymentTestKit extends ServiceTestKit {

    public static final String GROUP = "payment-service";
    public static final ShippingAddress ADDRESS =
            new ShippingAddress("Ana", "Main St 1", null, "Berlin", "10115", "DE");
    public static final String EMAIL = "ana@example.com";

    PaymentTestKit(ServiceTestKit kit) {
        super(kit);
    }

    public static StockReserved stockReserved(UUID orderId, String customerId, String total) {
        BigDecimal amount = new BigDecimal(total);
        return new StockReserved(
                orderId,
                UUID.randomUUID(),
                customerId,
                EMAIL,
                ADDRESS,
                List.of(new PricedLine("SKU-1", 1, amount)),
                amount,
                "EUR");
    }

    public static OrderCancelled orderCancelled(UUID orderId) {
        return new OrderCancelled(orderId, CancellationReasons.CUSTOMER_CANCELLED, EMAIL);
    }

    /** The types of every event the service published on the payments topic for an order, oldest first. */
    public List<String> publishedTypes(UUID orderId) {
        return publishedTypes(orderId, topics().payments());
    }

    /** The order's payment row as stored, if any. */
    public Optional<Map<String, Object>> payment(UUID orderId) {
        return jdbc()
                .sql("select * from payment where order_id = :orderId")
                .param("orderId", orderId)
                .query()
                .listOfRows()
                .stream()
                .findFirst();
    }

    public String status(UUID orderId) {
        return payment(orderId).map(row -> (String) row.get("status")).orElse("NONE");
    }

    public UUID paymentId(UUID orderId) {
        return (UUID) payment(orderId).orElseThrow().get("payment_id");
    }
}
