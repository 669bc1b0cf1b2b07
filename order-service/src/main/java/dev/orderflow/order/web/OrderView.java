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

/** An order as clients see it: no email or address (personal data stays with the services that need it). */
@Schema(name = "Order")
record OrderView(
        UUID id,
        OrderStatus status,

        @Schema(description = "Set once the order is CANCELLED") @Nullable
        CancellationReason cancellationReason,

        String customerId,
        List<OrderItem> items,

        @Schema(description = "Null until inventory has reserved and priced the order") @Nullable
        BigDecimal total,

        @Schema(description = "ISO 4217, null until the order is priced") @Nullable
        String currency,

        Instant createdAt,
        Instant updatedAt,

        @Schema(description = "Everything that happened to the order, oldest first")
        List<TimelineEntry> timeline) {

    static OrderView of(Order order) {
        return new OrderView(
                order.id(),
                order.status(),
                order.cancellationReason(),
                order.customerId(),
                order.items(),
                order.total(),
                order.currency(),
                order.createdAt(),
                order.updatedAt(),
                order.timeline());
    }
}
