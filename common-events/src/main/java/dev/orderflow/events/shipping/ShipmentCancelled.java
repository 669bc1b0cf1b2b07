package dev.orderflow.events.shipping;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** A booked shipment was cancelled with the carrier (compensation). */
public record ShipmentCancelled(
        @NotNull UUID orderId, @NotNull UUID shipmentId) implements ShippingEvent {}
