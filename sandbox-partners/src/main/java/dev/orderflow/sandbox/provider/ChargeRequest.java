package dev.orderflow.sandbox.provider;

import dev.orderflow.sandbox.journal.OrderScopedRequest;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.UUID;

/** A charge; {@code paymentId} is also its idempotency key. A zero amount is accepted: a free order still settles. */
record ChargeRequest(
        @NotNull UUID paymentId,
        @NotNull UUID orderId,
        @NotBlank @Size(max = 64) String customerId,

        @NotNull @PositiveOrZero @Digits(integer = 10, fraction = 2)
        BigDecimal amount,

        @NotNull @Pattern(regexp = "[A-Z]{3}") String currency)
        implements OrderScopedRequest {}
