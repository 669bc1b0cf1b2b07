package dev.orderflow.inventory.catalog;

import java.math.BigDecimal;

/**
 * A catalog entry and its stock. Quantity only moves between the counters: adding stock grows {@code stocked} and
 * {@code available}; reserving moves it to {@code reserved}, releasing back, selling from {@code reserved} to
 * {@code sold}. So {@code available + reserved + sold = stocked} always holds and no counter goes negative.
 */
public record Product(
        String sku,
        String name,
        BigDecimal price,
        String currency,
        long stocked,
        long available,
        long reserved,
        long sold) {

    public Product addStock(long quantity) {
        requirePositive(quantity);
        return withStock(stocked + quantity, available + quantity, reserved, sold);
    }

    public boolean canReserve(long quantity) {
        return quantity <= available;
    }

    public Product reserve(long quantity) {
        requirePositive(quantity);
        if (!canReserve(quantity)) {
            throw new IllegalStateException(
                    "cannot reserve " + quantity + " of " + sku + ": only " + available + " available");
        }
        return withStock(stocked, available - quantity, reserved + quantity, sold);
    }

    public Product release(long quantity) {
        requireReserved(quantity);
        return withStock(stocked, available + quantity, reserved - quantity, sold);
    }

    public Product sell(long quantity) {
        requireReserved(quantity);
        return withStock(stocked, available, reserved - quantity, sold + quantity);
    }

    private void requireReserved(long quantity) {
        requirePositive(quantity);
        if (quantity > reserved) {
            throw new IllegalStateException(
                    "cannot take " + quantity + " of " + sku + " from reserved: only " + reserved + " reserved");
        }
    }

    private static void requirePositive(long quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
    }

    private Product withStock(long stocked, long available, long reserved, long sold) {
        return new Product(sku, name, price, currency, stocked, available, reserved, sold);
    }
}
