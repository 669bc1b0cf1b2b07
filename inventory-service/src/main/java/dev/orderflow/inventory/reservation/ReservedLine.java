package dev.orderflow.inventory.reservation;

import dev.orderflow.events.PricedLine;
import java.math.BigDecimal;

/** One line of a reservation at the catalog price when it was reserved. */
record ReservedLine(String sku, int quantity, BigDecimal unitPrice) {

    BigDecimal amount() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }

    PricedLine toPriced() {
        return new PricedLine(sku, quantity, unitPrice);
    }
}
