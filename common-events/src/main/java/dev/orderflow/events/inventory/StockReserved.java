package dev.orderflow.events.inventory;

import dev.orderflow.events.Money;
import dev.orderflow.events.PricedLine;
import dev.orderflow.events.ShippingAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** All lines are reserved and priced; carries what payment needs so it never waits on another topic. */
public record StockReserved(
        @NotNull UUID orderId,
        @NotNull UUID reservationId,
        @NotBlank String customerId,
        @NotBlank @Email String customerEmail,
        @NotNull @Valid ShippingAddress shippingAddress,
        @NotEmpty List<@Valid @NotNull PricedLine> lines,
        @NotNull @PositiveOrZero BigDecimal total,
        @NotNull @Pattern(regexp = Money.CURRENCY_PATTERN) String currency)
        implements InventoryEvent {

    public StockReserved {
        lines = lines == null ? null : List.copyOf(lines);
    }
}
