package dev.orderflow.sandbox.provider;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;

/** A refund of a charge; a payment is refunded at most once. Zero is allowed, as for a free order's charge. */
record RefundRequest(
        @NotNull @PositiveOrZero @Digits(integer = 10, fraction = 2)
        BigDecimal amount) {}
