package dev.orderflow.events.shipping;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** The carrier booked the shipment. */
public record ShipmentScheduled(
        @NotNull UUID orderId,
        @NotNull UUID shipmentId,
        @NotBlank String carrier,
        @NotBlank String trackingNumber) implements ShippingEvent {}
