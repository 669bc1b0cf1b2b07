package dev.orderflow.inventory.reservation;

import static dev.orderflow.inventory.support.InventoryTestKit.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.PricedLine;
import dev.orderflow.events.RejectedLine;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.inventory.catalog.Product;
import dev.orderflow.inventory.support.InventoryIntegrationTest;
import dev.orderflow.inventory.support.InventoryTestKit;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@InventoryIntegrationTest
class StockReservationTests {

    private final InventoryTestKit kit;

    StockReservationTests(InventoryTestKit kit) {
        this.kit = kit;
    }

    @Test
    void reservesEveryLineAndPublishesStockReservedWithCatalogPricesAndTotal() {
        String mug = InventoryTestKit.newSku("MUG");
        String tea = InventoryTestKit.newSku("TEA");
        kit.product(mug, "12.50", 10);
        kit.product(tea, "3.99", 5);
        UUID orderId = UUID.randomUUID();

        EventEnvelope placed = kit.publish(orderPlaced(orderId, new OrderLine(mug, 2), new OrderLine(tea, 3)));
        kit.awaitHandled(placed);

        List<InventoryTestKit.Published> published = kit.publishedFor(orderId);
        assertThat(published).hasSize(1);
        StockReserved reserved = published.getFirst().as(EventTypes.STOCK_RESERVED);
        assertThat(reserved.lines())
                .containsExactlyInAnyOrder(
                        new PricedLine(mug, 2, new BigDecimal("12.50")),
                        new PricedLine(tea, 3, new BigDecimal("3.99")));
        assertThat(reserved.total()).isEqualByComparingTo("36.97");
        assertThat(reserved.currency()).isEqualTo("EUR");
        assertThat(reserved.customerId()).isEqualTo("c-42");
        assertThat(reserved.customerEmail()).isEqualTo("ana@example.com");
        assertThat(reserved.shippingAddress()).isEqualTo(InventoryTestKit.ADDRESS);
        assertThat(reserved.reservationId()).isNotNull();
        assertThat(published.getFirst().causationId()).isEqualTo(placed.id());
        assertThat(kit.stockOf(mug)).satisfies(p -> assertStock(p, 10, 8, 2, 0));
        assertThat(kit.stockOf(tea)).satisfies(p -> assertStock(p, 5, 2, 3, 0));
        assertThat(kit.reservationState(orderId)).isEqualTo("RESERVED");
    }

    @Test
    void rejectsAnOrderWithAnUnknownProductAndReservesNothing() {
        String mug = InventoryTestKit.newSku("MUG");
        String missing = InventoryTestKit.newSku("NOPE");
        kit.product(mug, "12.50", 10);
        UUID orderId = UUID.randomUUID();

        kit.awaitHandled(kit.publish(orderPlaced(orderId, new OrderLine(mug, 2), new OrderLine(missing, 4))));

        StockRejected rejected = single(orderId).as(EventTypes.STOCK_REJECTED);
        assertThat(rejected.reason()).isEqualTo(StockRejected.UNKNOWN_PRODUCT);
        assertThat(rejected.lines()).containsExactly(new RejectedLine(missing, 4, 0));
        assertThat(kit.stockOf(mug)).satisfies(p -> assertStock(p, 10, 10, 0, 0));
        assertThat(kit.reservationState(orderId)).isEqualTo("REJECTED");
    }

    @Test
    void rejectsAnOrderWithAShortLineWithRequestedAndAvailableAndReservesNothing() {
        String mug = InventoryTestKit.newSku("MUG");
        String tea = InventoryTestKit.newSku("TEA");
        kit.product(mug, "12.50", 10);
        kit.product(tea, "3.99", 1);
        UUID orderId = UUID.randomUUID();

        kit.awaitHandled(kit.publish(orderPlaced(orderId, new OrderLine(mug, 2), new OrderLine(tea, 3))));

        StockRejected rejected = single(orderId).as(EventTypes.STOCK_REJECTED);
        assertThat(rejected.reason()).isEqualTo(StockRejected.OUT_OF_STOCK);
        assertThat(rejected.lines()).containsExactly(new RejectedLine(tea, 3, 1));
        assertThat(kit.stockOf(mug)).satisfies(p -> assertStock(p, 10, 10, 0, 0));
        assertThat(kit.stockOf(tea)).satisfies(p -> assertStock(p, 1, 1, 0, 0));
    }

    @Test
    void deadLettersAnOrderPlacedListingOneSkuTwiceWithoutTouchingStock() {
        String mug = InventoryTestKit.newSku("MUG");
        kit.product(mug, "12.50", 10);
        UUID orderId = UUID.randomUUID();

        kit.publish(orderPlaced(orderId, new OrderLine(mug, 1), new OrderLine(mug, 2)));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> kit.deadLetterReasons(orderId), reasons -> !reasons.isEmpty());
        assertThat(kit.deadLetterReasons(orderId)).containsExactly("INVALID_PAYLOAD");
        assertThat(kit.publishedFor(orderId)).isEmpty();
        assertThat(kit.reservationState(orderId)).isNull();
        assertThat(kit.stockOf(mug)).satisfies(p -> assertStock(p, 10, 10, 0, 0));
    }

    private InventoryTestKit.Published single(UUID orderId) {
        List<InventoryTestKit.Published> published = kit.publishedFor(orderId);
        assertThat(published).hasSize(1);
        return published.getFirst();
    }

    static void assertStock(Product product, long stocked, long available, long reserved, long sold) {
        assertThat(List.of(product.stocked(), product.available(), product.reserved(), product.sold()))
                .as("stocked, available, reserved, sold of %s", product.sku())
                .containsExactly(stocked, available, reserved, sold);
    }
}
