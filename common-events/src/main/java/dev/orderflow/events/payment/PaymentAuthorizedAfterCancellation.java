package dev.orderflow.events.payment;

import dev.orderflow.events.Money;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * The provider charged the order although it had been cancelled: a charge that was in flight when the cancellation
 * arrived, or one found by a lookup. A {@link PaymentRefunded} of the same payment follows. Shipping never acts on it;
 * it makes the payments topic a ledger: per order, the amounts of its payment events add up to the net charge.
 */
public record PaymentAuthorizedAfterCancellation(
        @NotNull UUID orderId,
        @NotNull UUID paymentId,
        @NotNull @PositiveOrZero BigDecimal amount,
        @NotNull @Pattern(regexp = Money.CURRENCY_PATTERN) String currency)
        implements PaymentEvent {}
