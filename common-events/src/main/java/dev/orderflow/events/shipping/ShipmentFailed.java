package dev.orderflow.events.shipping;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** The carrier would not take the shipment. */
public record ShipmentFailed(
        @NotNull UUID orderId, @NotBlank String reason) implements ShippingEvent {}
