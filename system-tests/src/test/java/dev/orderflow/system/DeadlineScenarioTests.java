package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** An order that cannot finish (the payment provider is down) is cancelled at its deadline and compensated. */
class DeadlineScenarioTests {

    private final Shop shop = new Shop();

    @Test
    void orderStuckOnADownProviderTimesOutAndItsStockIsReleased() {
        String sku = shop.sku("STUCK");
        shop.stock(sku, "8.00", 5);
        String id;
        Shop.partnerSettings("provider", 0, 1.0);
        try {
            id = shop.place(Shop.order(shop.customer("tim"), "DE", Map.of(sku, 2)));
            JsonNode order = await().atMost(PlatformUnderTest.DEADLINE.plus(Shop.SAGA_LIMIT))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () -> Shop.get(id),
                            o -> Shop.TERMINAL.contains(o.get("status").asString()));

            assertThat(order.get("status").asString()).isEqualTo("CANCELLED");
            assertThat(order.get("cancellationReason").asString()).isEqualTo("TIMED_OUT");
        } finally {
            Shop.partnerSettings("provider", 0, 0.0);
        }
        Invariants.hold(List.of(id), List.of(sku));
    }
}
