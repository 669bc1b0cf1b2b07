package dev.orderflow.inventory.reservation;

import static dev.orderflow.inventory.reservation.StockReservationTests.assertStock;
import static dev.orderflow.inventory.support.InventoryTestKit.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.RejectedLine;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.inventory.support.InventoryIntegrationTest;
import dev.orderflow.inventory.support.InventoryTestKit;
import dev.orderflow.messaging.EventContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Ten orders for the last three units: exactly three win, whatever the interleaving. */
@InventoryIntegrationTest
class ConcurrentReservationTests {

    private static final int ORDERS = 10;
    private static final int STOCK = 3;

    private final InventoryTestKit kit;
    private final StockReservations reservations;

    ConcurrentReservationTests(InventoryTestKit kit, StockReservations reservations) {
        this.kit = kit;
        this.reservations = reservations;
    }

    @Test
    void ordersConsumedInParallelNeverOversellTheLastUnits() {
        String sku = InventoryTestKit.newSku("LAST");
        kit.product(sku, "9.99", STOCK);
        List<UUID> orders = newOrders();

        List<EventEnvelope> placed = kit.publishAll(orders.stream()
                .map(orderId -> orderPlaced(orderId, new OrderLine(sku, 1)))
                .toList());
        placed.forEach(kit::awaitHandled);

        assertExactlyThreeReservedAndTheRestRejected(sku, orders);
    }

    @Test
    void simultaneousReservationsSerialiseOnTheProductRow() throws Exception {
        String sku = InventoryTestKit.newSku("LAST");
        kit.product(sku, "9.99", STOCK);
        List<UUID> orders = newOrders();
        CountDownLatch start = new CountDownLatch(1);

        // Called directly from ten threads released at once, so the transactions really overlap.
        try (ExecutorService threads = Executors.newFixedThreadPool(ORDERS)) {
            List<Future<?>> done = new ArrayList<>();
            for (UUID orderId : orders) {
                OrderPlaced event = orderPlaced(orderId, new OrderLine(sku, 1));
                EventContext context = new EventContext(
                        EventEnvelope.first(EventTypes.ORDER_PLACED, orderId, Instant.now()),
                        InventoryTestKit.GROUP,
                        kit.ordersTopic());
                done.add(threads.submit(() -> {
                    start.await();
                    reservations.reserve(event, context);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        }

        assertExactlyThreeReservedAndTheRestRejected(sku, orders);
    }

    private void assertExactlyThreeReservedAndTheRestRejected(String sku, List<UUID> orders) {
        List<String> outcomes = new ArrayList<>();
        for (UUID orderId : orders) {
            List<InventoryTestKit.Published> published = kit.publishedFor(orderId);
            assertThat(published).hasSize(1);
            outcomes.add(published.getFirst().type());
            if (published.getFirst().type().equals(EventTypes.STOCK_REJECTED.name())) {
                StockRejected rejected = published.getFirst().as(EventTypes.STOCK_REJECTED);
                assertThat(rejected.reason()).isEqualTo(StockRejected.OUT_OF_STOCK);
                assertThat(rejected.lines()).containsExactly(new RejectedLine(sku, 1, 0));
            }
        }
        assertThat(outcomes)
                .filteredOn(EventTypes.STOCK_RESERVED.name()::equals)
                .hasSize(STOCK);
        assertThat(outcomes)
                .filteredOn(EventTypes.STOCK_REJECTED.name()::equals)
                .hasSize(ORDERS - STOCK);
        // stocked = available + reserved + sold, nothing negative.
        assertThat(kit.stockOf(sku)).satisfies(p -> assertStock(p, STOCK, 0, STOCK, 0));
    }

    private static List<UUID> newOrders() {
        return IntStream.range(0, ORDERS).mapToObj(i -> UUID.randomUUID()).toList();
    }
}
