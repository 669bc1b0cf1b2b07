package dev.orderflow.events.inventory;

import dev.orderflow.events.RejectedLine;
import dev.orderflow.events.order.CancellationReasons;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;

/** Nothing was reserved; {@code reason} is {@code OUT_OF_STOCK} or {@code UNKNOWN_PRODUCT}. */
public record StockRejected(
        @NotNull UUID orderId,
        @NotBlank String reason,
        @NotNull List<@Valid @NotNull RejectedLine> lines) implements InventoryEvent {

    /** The order's cancellation reason is the rejection's reason, so both name it the same way. */
    public static final String OUT_OF_STOCK = CancellationReasons.OUT_OF_STOCK;

    public static final String UNKNOWN_PRODUCT = CancellationReasons.UNKNOWN_PRODUCT;

    public StockRejected {
        lines = lines == null ? null : List.copyOf(lines);
    }
}
