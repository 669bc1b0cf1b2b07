package dev.orderflow.events.payment;

import dev.orderflow.events.Money;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.util.UUID;

/** A captured charge was given back (compensation). */
public record PaymentRefunded(
        @NotNull UUID orderId,
        @NotNull UUID paymentId,
        @NotNull @PositiveOrZero BigDecimal amount,
        @NotNull @Pattern(regexp = Money.CURRENCY_PATTERN) String currency)
        implements PaymentEvent {}
