package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.localstack.ServiceSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import tools.jackson.databind.JsonNode;

/** SPEC §5's invariants, checked through the services' APIs once a scenario's orders are terminal. */
final class Invariants {

    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(90);

    private Invariants() {}

    static void hold(Collection<String> orderIds, Collection<String> skus) {
        Shop.awaitAllTerminal(java.util.List.copyOf(orderIds));
        await().atMost(SETTLE_LIMIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String sku : skus) {
                stockBalances(sku);
            }
            PaymentsLedger ledger = PaymentsLedger.read();
            for (String orderId : orderIds) {
                orderIsSettled(orderId, ledger);
            }
        });
    }

    private static void stockBalances(String sku) {
        JsonNode product = Http.get(PlatformUnderTest.url(ServiceSpec.INVENTORY) + "/api/products/" + sku)
                .body();
        long stocked = product.get("stocked").asLong();
        long available = product.get("available").asLong();
        long reserved = product.get("reserved").asLong();
        long sold = product.get("sold").asLong();
        assertThat(available).as("%s available", sku).isNotNegative();
        assertThat(available + reserved + sold)
                .as("%s available + reserved + sold", sku)
                .isEqualTo(stocked);
        assertThat(reserved).as("%s reserved once every order is terminal", sku).isZero();
    }

    private static void orderIsSettled(String orderId, PaymentsLedger ledger) {
        JsonNode order = Shop.get(orderId);
        String status = order.get("status").asString();
        boolean completed = "COMPLETED".equals(status);

        JsonNode payments = Http.get(PlatformUnderTest.url(ServiceSpec.PAYMENT) + "/api/payments?orderId=" + orderId)
                .body();
        BigDecimal net = BigDecimal.ZERO;
        for (JsonNode payment : payments) {
            String paymentStatus = payment.get("status").asString();
            if ("AUTHORIZED".equals(paymentStatus) || "REFUNDED".equals(paymentStatus)) {
                net = net.add(money(payment.get("amount")));
            }
            JsonNode refunded = payment.get("refundedAmount");
            if (refunded != null && !refunded.isNull()) {
                net = net.subtract(money(refunded));
            }
        }
        BigDecimal expected = completed ? money(order.get("total")) : BigDecimal.ZERO;
        assertThat(net).as("order %s (%s) charged - refunded", orderId, status).isEqualByComparingTo(expected);
        assertThat(providerNetCharge(orderId))
                .as("order %s (%s): the provider's own ledger", orderId, status)
                .isEqualByComparingTo(expected);
        assertThat(ledger.netOf(orderId))
                .as("order %s (%s): the payments topic read as a ledger", orderId, status)
                .isEqualByComparingTo(expected);

        JsonNode shipments = Http.get(PlatformUnderTest.url(ServiceSpec.SHIPPING) + "/api/shipments?orderId=" + orderId)
                .body();
        long active = 0;
        for (JsonNode shipment : shipments) {
            if ("SCHEDULED".equals(shipment.get("status").asString())) {
                active++;
            }
        }
        assertThat(active).as("order %s (%s) active shipments", orderId, status).isEqualTo(completed ? 1 : 0);
        assertThat(carrierActiveBookings(orderId))
                .as("order %s (%s): the carrier's own bookings", orderId, status)
                .isEqualTo(completed ? 1 : 0);

        JsonNode notifications = Http.get(
                        PlatformUnderTest.url(ServiceSpec.NOTIFICATION) + "/api/notifications?orderId=" + orderId)
                .body();
        String outcome = completed ? "CONFIRMED" : "CANCELLED";
        long matching = 0;
        for (JsonNode notification : notifications) {
            assertThat(notification.get("outcome").asString())
                    .as("order %s notifications", orderId)
                    .isEqualTo(outcome);
            matching++;
        }
        assertThat(matching)
                .as("order %s: one notification per outcome and channel (log)", orderId)
                .isEqualTo(1);
    }

    /** What the provider itself charged for an order and kept: every charge made, less what it refunded. */
    static BigDecimal providerNetCharge(String orderId) {
        BigDecimal net = BigDecimal.ZERO;
        for (JsonNode charge : providerCharges(orderId)) {
            String chargeStatus = charge.get("status").asString();
            if ("AUTHORIZED".equals(chargeStatus) || "REFUNDED".equals(chargeStatus)) {
                net = net.add(new BigDecimal(charge.get("amount").asString()));
                net = net.subtract(new BigDecimal(charge.get("refundedAmount").asString()));
            }
        }
        return net;
    }

    /** The provider's own record of an order's charges. */
    static JsonNode providerCharges(String orderId) {
        return Http.get(PlatformUnderTest.url(ServiceSpec.PARTNERS) + "/provider/charges?orderId=" + orderId)
                .body();
    }

    /** The carrier's bookings of an order that are still to be carried. */
    static long carrierActiveBookings(String orderId) {
        long booked = 0;
        for (JsonNode shipment : Http.get(
                        PlatformUnderTest.url(ServiceSpec.PARTNERS) + "/carrier/shipments?orderId=" + orderId)
                .body()) {
            if ("BOOKED".equals(shipment.get("status").asString())) {
                booked++;
            }
        }
        return booked;
    }

    /** Money as every API writes it: a decimal string. */
    static BigDecimal money(JsonNode amount) {
        return new BigDecimal(amount.asString());
    }
}
