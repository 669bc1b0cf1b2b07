package dev.orderflow.order;

import dev.orderflow.events.InvalidPayloadException;
import dev.orderflow.events.PricedLine;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** One line of an order; inventory prices it when it reserves the stock, so the unit price is null until then. */
public record OrderItem(String sku, int quantity, @Nullable BigDecimal unitPrice) {

    OrderItem priced(BigDecimal price) {
        return new OrderItem(sku, quantity, price);
    }

    /**
     * The items priced from inventory's lines, which must be exactly the items' lines; an item priced already keeps its
     * price.
     *
     * @throws InvalidPayloadException if the lines are not the items'
     */
    static List<OrderItem> priced(List<OrderItem> items, List<PricedLine> lines) {
        Map<String, PricedLine> bySku =
                lines.stream().collect(Collectors.toMap(PricedLine::sku, Function.identity(), (a, b) -> a));
        boolean sameLines = bySku.size() == lines.size()
                && lines.size() == items.size()
                && items.stream().allMatch(item -> {
                    PricedLine line = bySku.get(item.sku());
                    return line != null && line.quantity() == item.quantity();
                });
        if (!sameLines) {
            throw new InvalidPayloadException("StockReserved lines do not match the order's items");
        }
        return items.stream()
                .map(item -> item.unitPrice() != null
                        ? item
                        : item.priced(bySku.get(item.sku()).unitPrice()))
                .toList();
    }
}
