package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.localstack.ServiceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The payment provider fails in every way a partner does, switched at run time on the sandbox: down, back, slow, flaky.
 * Orders wait instead of failing, nothing is dead-lettered, the deadline ends what waits too long, and every order
 * that completes is charged exactly once (checked by the invariants against the provider's own ledger).
 */
class PartnerFailureScenarioTests {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private final Shop shop = new Shop();

    @AfterEach
    void providerIsHealthy() {
        Shop.partnerSettings("provider", 0, 0.0);
    }

    @Test
    void providerDownOpensTheCircuitOrdersWaitAndTheDeadlineCancelsAndCompensatesThem() {
        String sku = shop.sku("STUCK");
        shop.stock(sku, "8.00", 10);
        Shop.partnerSettings("provider", 0, 1.0);

        List<String> orders = place(3, sku, "tim");

        await().atMost(WAIT).until(() -> providerCircuitIs("open"));
        for (String id : orders) {
            assertThat(Shop.get(id).get("status").asString()).isEqualTo("STOCK_RESERVED");
        }
        List<JsonNode> terminal = new ArrayList<>();
        for (String id : orders) {
            terminal.add(await().atMost(PlatformUnderTest.DEADLINE.plus(Shop.SAGA_LIMIT))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () -> Shop.get(id),
                            o -> Shop.TERMINAL.contains(o.get("status").asString())));
        }
        assertThat(terminal).allSatisfy(order -> {
            assertThat(order.get("status").asString()).isEqualTo("CANCELLED");
            assertThat(order.get("cancellationReason").asString()).isEqualTo("TIMED_OUT");
        });
        assertThat(Operations.deadLetteredKeys()).doesNotContainAnyElementsOf(orders);
        Shop.partnerSettings("provider", 0, 0.0);
        Invariants.hold(orders, List.of(sku));
        // Every attempt was refused before the provider did anything: the cancellation voided the charges, and the
        // provider, back now, never charges (and so never refunds) any of these orders.
        await().during(Duration.ofSeconds(3)).atMost(WAIT).untilAsserted(() -> {
            for (String id : orders) {
                assertThat(Invariants.providerCharges(id))
                        .as("order %s at the provider", id)
                        .isEmpty();
            }
        });
    }

    @Test
    void ordersWaitingOnADownProviderCompleteWhenItRecovers() {
        String sku = shop.sku("WAIT");
        shop.stock(sku, "5.00", 10);
        Shop.partnerSettings("provider", 0, 1.0);

        List<String> orders = place(3, sku, "patient");
        await().atMost(WAIT).until(() -> providerCircuitIs("open"));
        Shop.partnerSettings("provider", 0, 0.0);

        Shop.awaitAllTerminal(orders);
        for (String id : orders) {
            assertThat(Shop.get(id).get("status").asString()).as("order %s", id).isEqualTo("COMPLETED");
        }
        assertThat(Operations.deadLetteredKeys()).doesNotContainAnyElementsOf(orders);
        Invariants.hold(orders, List.of(sku));
    }

    @Test
    void providerSlowerThanTheTimeLimitIsCutOffCountedAndNeverChargesTwice() {
        String sku = shop.sku("SLOW");
        shop.stock(sku, "3.00", 10);
        double timeOutsBefore = providerTimeOuts();
        // 4 s per answer, beyond the 3 s time limit of a provider call.
        Shop.partnerSettings("provider", 4_000, 0.0);

        List<String> orders = place(2, sku, "slow");
        await().atMost(WAIT).until(() -> providerTimeOuts() > timeOutsBefore);
        Shop.partnerSettings("provider", 0, 0.0);

        Shop.awaitAllTerminal(orders);
        for (String id : orders) {
            assertThat(Shop.get(id).get("status").asString()).as("order %s", id).isEqualTo("COMPLETED");
        }
        Invariants.hold(orders, List.of(sku));
    }

    @Test
    void everyOrderCompletesAndIsChargedOnceWhileTheProviderFailsThirtyPercentOfCalls() {
        String sku = shop.sku("FLAKY");
        shop.stock(sku, "2.00", 100);
        Shop.partnerSettings("provider", 0, 0.3);

        List<String> orders = place(30, sku, "flaky");

        Shop.awaitAllTerminal(orders);
        for (String id : orders) {
            assertThat(Shop.get(id).get("status").asString()).as("order %s", id).isEqualTo("COMPLETED");
        }
        assertThat(Operations.deadLetteredKeys()).doesNotContainAnyElementsOf(orders);
        Shop.partnerSettings("provider", 0, 0.0);
        Invariants.hold(orders, List.of(sku));
    }

    private List<String> place(int count, String sku, String customer) {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            orders.add(shop.place(Shop.order(shop.customer(customer + i), "DE", Map.of(sku, 1))));
        }
        return orders;
    }

    private static boolean providerCircuitIs(String state) {
        return Operations.metric(
                        ServiceSpec.PAYMENT,
                        "resilience4j_circuitbreaker_state",
                        "name=\"provider\"",
                        "state=\"" + state + "\"")
                == 1.0;
    }

    private static double providerTimeOuts() {
        return Operations.metric(
                ServiceSpec.PAYMENT, "resilience4j_timelimiter_calls_total", "name=\"provider\"", "kind=\"timeout\"");
    }
}
