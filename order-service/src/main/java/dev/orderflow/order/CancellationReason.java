package dev.orderflow.order;

import dev.orderflow.events.InvalidPayloadException;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.events.order.CancellationReasons;

/** Why an order was cancelled; the names are those of {@link CancellationReasons} on the wire. */
public enum CancellationReason {
    OUT_OF_STOCK,
    UNKNOWN_PRODUCT,
    PAYMENT_DECLINED,
    SHIPPING_FAILED,
    CUSTOMER_CANCELLED,
    TIMED_OUT;

    /** The reason inventory gave; anything but its two documented reasons breaks the contract. */
    static CancellationReason ofRejection(StockRejected rejected) {
        return switch (rejected.reason()) {
            case StockRejected.OUT_OF_STOCK -> OUT_OF_STOCK;
            case StockRejected.UNKNOWN_PRODUCT -> UNKNOWN_PRODUCT;
            default -> throw new InvalidPayloadException("StockRejected has an unknown reason");
        };
    }
}
