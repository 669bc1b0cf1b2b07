package dev.orderflow.events.order;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/**
 * The order is cancelled: the single compensation trigger. Every participant undoes what it did for the order, and
 * never acts on it again. {@code reason} is one of {@link CancellationReasons}.
 */
public record OrderCancelled(
        @NotNull UUID orderId,
        @NotBlank String reason,
        @NotBlank @Email String customerEmail) implements OrderEvent {}
