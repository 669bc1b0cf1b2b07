package dev.orderflow.events.payment;

import dev.orderflow.events.Money;
import dev.orderflow.events.ShippingAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.util.UUID;

/** The provider authorized the charge; carries what shipping needs. */
public record PaymentAuthorized(
        @NotNull UUID orderId,
        @NotNull UUID paymentId,
        @NotNull @PositiveOrZero BigDecimal amount,
        @NotNull @Pattern(regexp = Money.CURRENCY_PATTERN) String currency,
        @NotBlank @Email String customerEmail,
        @NotNull @Valid ShippingAddress shippingAddress)
        implements PaymentEvent {}
