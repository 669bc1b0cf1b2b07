package dev.orderflow.order;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** One line of an order; inventory prices it when it reserves the stock, so the unit price is null until then. */
public record OrderItem(String sku, int quantity, @Nullable BigDecimal unitPrice) {

    OrderItem priced(BigDecimal price) {
        return new OrderItem(sku, quantity, price);
    }
}
