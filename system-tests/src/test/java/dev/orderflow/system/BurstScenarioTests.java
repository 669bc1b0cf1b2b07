package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.localstack.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Many concurrent orders of every kind; in the second, a participant is killed with SIGKILL mid-burst and restarted. */
class BurstScenarioTests {

    private static final int ORDERS = 200;

    @Test
    void concurrentBurstOfMixedOrdersReachesTheExpectedTerminalStates() throws Exception {
        Burst burst = new Burst(new Shop());
        burst.placeAll(null);
        burst.verify();
    }

    @Test
    void participantKilledMidBurstAndRestartedLosesAndDuplicatesNothing() throws Exception {
        Burst burst = new Burst(new Shop());
        burst.placeAll(() -> PlatformUnderTest.get().kill(ServiceSpec.PAYMENT));
        PlatformUnderTest.get().restart(ServiceSpec.PAYMENT);
        burst.verify();
    }

    /** 200 orders: plain ones, declined customers, undeliverable addresses, and 20 competing for 10 scarce units. */
    private static final class Burst {

        private final Shop shop;
        private final String plenty;
        private final String scarce;
        private final Map<String, String> expected = new LinkedHashMap<>();
        private final List<String> scarceOrders = new ArrayList<>();

        Burst(Shop shop) {
            this.shop = shop;
            this.plenty = shop.sku("PLENTY");
            this.scarce = shop.sku("SCARCE");
            shop.stock(plenty, "4.20", 10_000);
            shop.stock(scarce, "7.00", 10);
        }

        void placeAll(Runnable midway) throws Exception {
            List<Future<?>> placed = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < ORDERS; i++) {
                    int n = i;
                    placed.add(pool.submit(() -> placeOne(n)));
                    if (midway != null && i == ORDERS / 2) {
                        midway.run();
                    }
                }
                for (Future<?> future : placed) {
                    future.get();
                }
            }
        }

        private void placeOne(int n) {
            if (n % 10 == 0) {
                String id = shop.place(Shop.order(shop.customer("decline" + n), "DE", Map.of(plenty, 1)));
                record(id, "PAYMENT_DECLINED");
            } else if (n % 10 == 1) {
                String id = shop.place(Shop.order(shop.customer("far" + n), "XX", Map.of(plenty, 1)));
                record(id, "SHIPPING_FAILED");
            } else if (n % 10 == 2) {
                String id = shop.place(Shop.order(shop.customer("eager" + n), "DE", Map.of(scarce, 1)));
                synchronized (scarceOrders) {
                    scarceOrders.add(id);
                }
            } else {
                String id = shop.place(Shop.order(shop.customer("c" + n), "DE", Map.of(plenty, 1 + n % 3)));
                record(id, "COMPLETED");
            }
        }

        private synchronized void record(String id, String outcome) {
            expected.put(id, outcome);
        }

        void verify() {
            List<String> all = new ArrayList<>(expected.keySet());
            all.addAll(scarceOrders);
            Shop.awaitAllTerminal(all);
            expected.forEach((id, outcome) -> {
                JsonNode order = Shop.get(id);
                String actual = "COMPLETED".equals(outcome)
                        ? order.get("status").asString()
                        : order.get("cancellationReason").asString();
                assertThat(actual).as("order %s", id).isEqualTo(outcome);
            });
            long completedScarce = scarceOrders.stream()
                    .filter(id -> "COMPLETED".equals(Shop.get(id).get("status").asString()))
                    .count();
            assertThat(completedScarce)
                    .as("orders that got one of the 10 scarce units")
                    .isEqualTo(10);
            scarceOrders.stream()
                    .map(Shop::get)
                    .filter(order -> !"COMPLETED".equals(order.get("status").asString()))
                    .forEach(order -> assertThat(order.get("cancellationReason").asString())
                            .isEqualTo("OUT_OF_STOCK"));
            Invariants.hold(all, List.of(plenty, scarce));
        }
    }
}
