package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.localstack.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The edge under pressure: more orders than the intake takes are shed with 429 and Retry-After (never a 5xx), and the
 * order service stopped with SIGTERM in the middle of a burst finishes what it accepted; clients that retry with their
 * Idempotency-Key lose nothing and create nothing twice.
 */
class OverloadScenarioTests {

    private final Shop shop = new Shop();

    @Test
    void intakeOverloadIsShedWith429AndRetryAfterNeverA5xxAndEveryAcceptedOrderFinishes() throws Exception {
        String sku = shop.sku("RUSH");
        shop.stock(sku, "1.00", 1_000);
        int shedBefore = Shop.SHED.get();
        int serverErrorsBefore = Shop.SERVER_ERRORS.get();

        List<String> orders = placeConcurrently(150, 48, sku, "rush", null);

        assertThat(Shop.SHED.get() - shedBefore)
                .as("429s beyond the per-client rate of the platform under test")
                .isPositive();
        assertThat(Shop.SERVER_ERRORS.get() - serverErrorsBefore)
                .as("5xx answers")
                .isZero();
        Shop.awaitAllTerminal(orders);
        orders.forEach(id -> assertThat(Shop.get(id).get("status").asString()).isEqualTo("COMPLETED"));
        Invariants.hold(orders, List.of(sku));
    }

    @Test
    void orderServiceStoppedWithSigtermMidBurstLosesAndDuplicatesNothing() throws Exception {
        String sku = shop.sku("TERM");
        shop.stock(sku, "2.00", 1_000);
        List<Boolean> exitedInTime = new ArrayList<>();

        // Stopped mid-burst and started again, as in a rolling update; the burst's clients keep retrying with their
        // keys while it is down.
        List<String> orders = placeConcurrently(80, 8, sku, "term", () -> {
            exitedInTime.add(PlatformUnderTest.get().terminate(ServiceSpec.ORDER));
            PlatformUnderTest.get().restart(ServiceSpec.ORDER);
        });

        assertThat(exitedInTime).containsExactly(true);
        assertThat(orders).doesNotHaveDuplicates().hasSize(80);
        Shop.awaitAllTerminal(orders);
        orders.forEach(id -> assertThat(Shop.get(id).get("status").asString()).isEqualTo("COMPLETED"));
        Invariants.hold(orders, List.of(sku));
    }

    /**
     * Places {@code count} orders from {@code threads} client threads, one customer each; {@code midway} runs once
     * half of them have been handed out.
     */
    private List<String> placeConcurrently(int count, int threads, String sku, String customer, Runnable midway)
            throws Exception {
        List<String> customers = new ArrayList<>();
        List<Future<String>> placed = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int i = 0; i < count; i++) {
                String name = shop.customer(customer + i);
                customers.add(name);
                placed.add(pool.submit(() -> shop.place(Shop.order(name, "DE", Map.of(sku, 1)))));
                if (midway != null && i == count / 2) {
                    midway.run();
                }
            }
            List<String> orders = new ArrayList<>();
            for (Future<String> future : placed) {
                orders.add(future.get(Shop.SAGA_LIMIT.toSeconds(), TimeUnit.SECONDS));
            }
            // One order per customer: a retried placement never created a second one.
            for (String name : customers) {
                assertThat(Http.get(PlatformUnderTest.url(ServiceSpec.ORDER) + "/api/orders?customerId=" + name)
                                .body()
                                .get("content")
                                .size())
                        .as("orders of %s", name)
                        .isEqualTo(1);
            }
            return orders;
        } finally {
            pool.shutdownNow();
        }
    }
}
