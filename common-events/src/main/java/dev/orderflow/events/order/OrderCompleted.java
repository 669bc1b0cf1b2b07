package dev.orderflow.events.order;

import dev.orderflow.events.Money;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.util.UUID;

/** Every step succeeded: the reservation becomes a sale and the customer is told. */
public record OrderCompleted(
        @NotNull UUID orderId,
        @NotNull @PositiveOrZero BigDecimal total,
        @NotNull @Pattern(regexp = Money.CURRENCY_PATTERN) String currency,
        @NotBlank @Email String customerEmail)
        implements OrderEvent {}
