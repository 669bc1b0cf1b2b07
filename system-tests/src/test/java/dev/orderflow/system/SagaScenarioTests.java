package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.localstack.ServiceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each path of the saga, end to end through every service, with SPEC §5's invariants checked after it. */
class SagaScenarioTests {

    private final Shop shop = new Shop();

    @Test
    void orderIsCompletedChargedShippedAndConfirmed() {
        String sku = shop.sku("HAPPY");
        shop.stock(sku, "12.90", 10);

        String id = shop.place(Shop.order(shop.customer("ana"), "DE", Map.of(sku, 2)));
        JsonNode order = Shop.awaitTerminal(id);

        assertThat(order.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(order.get("total").asString()).isEqualTo("25.80");
        assertThat(order.get("items").get(0).get("unitPrice").asString()).isEqualTo("12.90");
        assertThat(order.get("timeline").size()).isGreaterThanOrEqualTo(4);
        Invariants.hold(List.of(id), List.of(sku));
        JsonNode product = Http.get(PlatformUnderTest.url(ServiceSpec.INVENTORY) + "/api/products/" + sku)
                .body();
        assertThat(product.get("sold").asInt()).isEqualTo(2);
    }

    @Test
    void orderBeyondTheStockIsCancelledAsOutOfStock() {
        String sku = shop.sku("SCARCE");
        shop.stock(sku, "5.00", 1);

        String id = shop.place(Shop.order(shop.customer("bo"), "DE", Map.of(sku, 2)));

        assertCancelled(id, "OUT_OF_STOCK");
        Invariants.hold(List.of(id), List.of(sku));
    }

    @Test
    void orderOfAnUnknownProductIsCancelled() {
        String id = shop.place(Shop.order(shop.customer("cy"), "DE", Map.of(shop.sku("NOPE"), 1)));

        assertCancelled(id, "UNKNOWN_PRODUCT");
        Invariants.hold(List.of(id), List.of());
    }

    @Test
    void declinedPaymentCancelsTheOrderAndReleasesTheStock() {
        String sku = shop.sku("DECLINE");
        shop.stock(sku, "9.99", 5);

        String id = shop.place(Shop.order(shop.customer("decline"), "DE", Map.of(sku, 3)));

        assertCancelled(id, "PAYMENT_DECLINED");
        Invariants.hold(List.of(id), List.of(sku));
    }

    @Test
    void failedShipmentCancelsTheOrderRefundsAndReleases() {
        String sku = shop.sku("NOSHIP");
        shop.stock(sku, "20.00", 5);

        String id = shop.place(Shop.order(shop.customer("dee"), "XX", Map.of(sku, 1)));

        assertCancelled(id, "SHIPPING_FAILED");
        Invariants.hold(List.of(id), List.of(sku));
    }

    @Test
    void customerCancelUndoesEveryStepAndACompletedOrderCannotBeCancelled() {
        String sku = shop.sku("CANCEL");
        shop.stock(sku, "15.00", 10);
        String cancelled = shop.place(Shop.order(shop.customer("eve"), "DE", Map.of(sku, 1)));
        Http.Response cancel =
                Http.post(PlatformUnderTest.url(ServiceSpec.ORDER) + "/api/orders/" + cancelled + "/cancel", null);
        assertThat(cancel.status()).isIn(202, 409);
        String completed = shop.place(Shop.order(shop.customer("fay"), "DE", Map.of(sku, 1)));
        assertThat(Shop.awaitTerminal(completed).get("status").asString()).isEqualTo("COMPLETED");

        if (cancel.status() == 202) {
            assertCancelled(cancelled, "CUSTOMER_CANCELLED");
        }
        Http.Response late =
                Http.post(PlatformUnderTest.url(ServiceSpec.ORDER) + "/api/orders/" + completed + "/cancel", null);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.header("Content-Type")).contains("application/problem+json");
        Invariants.hold(List.of(cancelled, completed), List.of(sku));
    }

    private static void assertCancelled(String id, String reason) {
        JsonNode order = Shop.awaitTerminal(id);
        assertThat(order.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(order.get("cancellationReason").asString()).isEqualTo(reason);
    }
}
