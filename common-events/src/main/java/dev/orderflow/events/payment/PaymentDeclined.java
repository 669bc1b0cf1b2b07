package dev.orderflow.events.payment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** The provider refused the charge. */
public record PaymentDeclined(
        @NotNull UUID orderId,
        @NotNull UUID paymentId,
        @NotBlank String reason) implements PaymentEvent {}
