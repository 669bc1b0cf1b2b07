package dev.orderflow.order.support;

import dev.orderflow.events.PricedLine;
import dev.orderflow.events.RejectedLine;
import dev.orderflow.events.ShippingAddress;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.events.inventory.StockReleased;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.PaymentRefunded;
import dev.orderflow.events.shipping.ShipmentCancelled;
import dev.orderflow.events.shipping.ShipmentFailed;
import dev.orderflow.events.shipping.ShipmentScheduled;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Upstream events as inventory, payment and shipping send them, for an order of two SKU-1 and one SKU-2. */
public final class SagaEvents {

    public static final BigDecimal TOTAL = new BigDecimal("30.00");
    public static final ShippingAddress ADDRESS =
            new ShippingAddress("Ana", "Main St 1", null, "Berlin", "10115", "DE");

    private SagaEvents() {}

    public static StockReserved stockReserved(UUID orderId) {
        return new StockReserved(
                orderId,
                UUID.randomUUID(),
                "c-1",
                "ana@example.com",
                ADDRESS,
                List.of(
                        new PricedLine("SKU-1", 2, new BigDecimal("12.50")),
                        new PricedLine("SKU-2", 1, new BigDecimal("5.00"))),
                TOTAL,
                "EUR");
    }

    public static StockRejected stockRejected(UUID orderId, String reason) {
        return new StockRejected(orderId, reason, List.of(new RejectedLine("SKU-1", 2, 1)));
    }

    public static StockReleased stockReleased(UUID orderId) {
        return new StockReleased(orderId, UUID.randomUUID());
    }

    public static PaymentAuthorized paymentAuthorized(UUID orderId) {
        return new PaymentAuthorized(orderId, UUID.randomUUID(), TOTAL, "EUR", "ana@example.com", ADDRESS);
    }

    public static PaymentDeclined paymentDeclined(UUID orderId) {
        return new PaymentDeclined(orderId, UUID.randomUUID(), "insufficient funds");
    }

    public static PaymentRefunded paymentRefunded(UUID orderId) {
        return new PaymentRefunded(orderId, UUID.randomUUID(), TOTAL, "EUR");
    }

    public static ShipmentScheduled shipmentScheduled(UUID orderId) {
        return new ShipmentScheduled(orderId, UUID.randomUUID(), "sandbox-carrier", "TRACK-1");
    }

    public static ShipmentFailed shipmentFailed(UUID orderId) {
        return new ShipmentFailed(orderId, "address not served");
    }

    public static ShipmentCancelled shipmentCancelled(UUID orderId) {
        return new ShipmentCancelled(orderId, UUID.randomUUID());
    }
}
