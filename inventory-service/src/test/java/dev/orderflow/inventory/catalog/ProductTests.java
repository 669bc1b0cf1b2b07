package dev.orderflow.inventory.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ProductTests {

    private static final Product MUG = new Product("MUG-1", "Mug", new BigDecimal("12.50"), "EUR", 0, 0, 0, 0);

    @Test
    void addedStockGrowsStockedAndAvailable() {
        Product restocked = MUG.addStock(10).addStock(5);

        assertCounters(restocked, 15, 15, 0, 0);
    }

    @Test
    void reservingReleasingAndSellingOnlyMoveQuantityBetweenCounters() {
        Product stocked = MUG.addStock(10);

        Product reserved = stocked.reserve(4);
        assertCounters(reserved, 10, 6, 4, 0);
        assertCounters(reserved.release(3), 10, 9, 1, 0);
        assertCounters(reserved.sell(4), 10, 6, 0, 4);
    }

    @Test
    void neverReservesMoreThanIsAvailable() {
        Product stocked = MUG.addStock(3);

        assertThat(stocked.canReserve(3)).isTrue();
        assertThat(stocked.canReserve(4)).isFalse();
        assertThatThrownBy(() -> stocked.reserve(4)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void neverReleasesOrSellsMoreThanIsReserved() {
        Product reserved = MUG.addStock(5).reserve(2);

        assertThatThrownBy(() -> reserved.release(3)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> reserved.sell(3)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesQuantitiesThatAreNotPositive() {
        assertThatThrownBy(() -> MUG.addStock(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MUG.addStock(5).reserve(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertCounters(Product p, long stocked, long available, long reserved, long sold) {
        assertThat(new long[] {p.stocked(), p.available(), p.reserved(), p.sold()})
                .containsExactly(stocked, available, reserved, sold);
        assertThat(p.available() + p.reserved() + p.sold()).isEqualTo(p.stocked());
    }
}
