package dev.orderflow.inventory.reservation;

import dev.orderflow.events.OrderLine;
import dev.orderflow.events.RejectedLine;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.inventory.catalog.Product;
import java.util.List;
import java.util.Map;

/**
 * Decides whether an order's lines can all be reserved from the (locked) products: all or nothing. An unknown SKU
 * rejects the order before stock is even considered; otherwise every short line is reported with what was available.
 */
final class StockCheck {

    /** What the check found. */
    sealed interface Outcome {}

    /** Every line can be reserved, at these prices. */
    record Reservable(List<ReservedLine> lines) implements Outcome {}

    /** Nothing may be reserved; {@code reason} is a {@link StockRejected} reason. */
    record Rejected(String reason, List<RejectedLine> lines) implements Outcome {}

    private StockCheck() {}

    /** Lines must name distinct SKUs; {@code products} holds the known ones among them. */
    static Outcome check(List<OrderLine> items, Map<String, Product> products) {
        List<RejectedLine> unknown = items.stream()
                .filter(item -> !products.containsKey(item.sku()))
                .map(item -> new RejectedLine(item.sku(), item.quantity(), 0))
                .toList();
        if (!unknown.isEmpty()) {
            return new Rejected(StockRejected.UNKNOWN_PRODUCT, unknown);
        }
        List<RejectedLine> shortLines = items.stream()
                .filter(item -> !products.get(item.sku()).canReserve(item.quantity()))
                // A short line has fewer than its quantity (at most 1000) available: the count fits an int.
                .map(item -> new RejectedLine(item.sku(), item.quantity(), (int)
                        products.get(item.sku()).available()))
                .toList();
        if (!shortLines.isEmpty()) {
            return new Rejected(StockRejected.OUT_OF_STOCK, shortLines);
        }
        return new Reservable(items.stream()
                .map(item -> new ReservedLine(
                        item.sku(), item.quantity(), products.get(item.sku()).price()))
                .toList());
    }
}
