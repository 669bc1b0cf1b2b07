package dev.orderflow.inventory.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.OrderLine;
import dev.orderflow.events.RejectedLine;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.inventory.catalog.Product;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StockCheckTests {

    private static final Product MUG = product("MUG", "12.50", 10);
    private static final Product TEA = product("TEA", "3.99", 1);
    private static final Map<String, Product> CATALOG = Map.of("MUG", MUG, "TEA", TEA);

    @Test
    void reservesEveryLineAtTheCatalogPriceWhenAllAreAvailable() {
        var outcome = StockCheck.check(List.of(new OrderLine("MUG", 10), new OrderLine("TEA", 1)), CATALOG);

        assertThat(outcome)
                .isEqualTo(new StockCheck.Reservable(List.of(
                        new ReservedLine("MUG", 10, new BigDecimal("12.50")),
                        new ReservedLine("TEA", 1, new BigDecimal("3.99")))));
    }

    @Test
    void rejectsWithEveryShortLineAndWhatWasAvailable() {
        var outcome = StockCheck.check(
                List.of(new OrderLine("MUG", 11), new OrderLine("TEA", 1)), Map.of("MUG", MUG, "TEA", TEA.reserve(1)));

        assertThat(outcome)
                .isEqualTo(new StockCheck.Rejected(
                        StockRejected.OUT_OF_STOCK,
                        List.of(new RejectedLine("MUG", 11, 10), new RejectedLine("TEA", 1, 0))));
    }

    @Test
    void unknownProductsRejectTheOrderEvenWhenOtherLinesAreShort() {
        var outcome = StockCheck.check(List.of(new OrderLine("MUG", 99), new OrderLine("NOPE", 2)), CATALOG);

        assertThat(outcome)
                .isEqualTo(new StockCheck.Rejected(
                        StockRejected.UNKNOWN_PRODUCT, List.of(new RejectedLine("NOPE", 2, 0))));
    }

    private static Product product(String sku, String price, long stock) {
        return new Product(sku, sku, new BigDecimal(price), "EUR", stock, stock, 0, 0);
    }
}
