package dev.orderflow.order.web;

import dev.orderflow.order.CancellationReason;
import dev.orderflow.order.Order;
import dev.orderflow.order.OrderItem;
import dev.orderflow.order.OrderStatus;
import dev.orderflow.order.TimelineEntry;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An order as clients see it: no email or address (personal data stays with the services that need it). Money is a
 * decimal string ({@code "25.80"}), as in every other API and event of Orderflow, so no client parses it as a float.
 * The status never runs ahead of its facts: STOCK_RESERVED and later have their prices and total (ADR 0013).
 */
@Schema(name = "Order")
record OrderView(
        UUID id,
        OrderStatus status,

        @Schema(description = "Set once the order is CANCELLED") @Nullable
        CancellationReason cancellationReason,

        String customerId,
        List<Item> items,

        @Schema(description = "Null until inventory has reserved and priced the order", example = "25.80") @Nullable
        String total,

        @Schema(description = "ISO 4217, null until the order is priced") @Nullable
        String currency,

        Instant createdAt,
        Instant updatedAt,

        @Schema(
                description = "Everything that happened to the order, in the order the service applied it: the saga's"
                        + " steps always in saga order, each with the time the service learned it (a step learned"
                        + " before the one it follows waits for it, so it can read earlier), then whatever arrived"
                        + " after the order became final")
        List<TimelineEntry> timeline) {

    static OrderView of(Order order) {
        return new OrderView(
                order.id(),
                order.status(),
                order.cancellationReason(),
                order.customerId(),
                order.items().stream().map(Item::of).toList(),
                money(order.total()),
                order.currency(),
                order.createdAt(),
                order.updatedAt(),
                order.timeline());
    }

    /** One line; the unit price is null until inventory has priced it. */
    @Schema(name = "OrderItem")
    record Item(
            String sku,
            int quantity,

            @Schema(description = "Null until inventory has reserved and priced the order", example = "12.90") @Nullable
            String unitPrice) {

        static Item of(OrderItem item) {
            return new Item(item.sku(), item.quantity(), money(item.unitPrice()));
        }
    }

    private static @Nullable String money(@Nullable BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }
}
