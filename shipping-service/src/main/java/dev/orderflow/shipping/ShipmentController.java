package dev.orderflow.shipping;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shipments as operators and tests see them. An order has at most one; none if it was cancelled before it was
 * booked. {@code status} is SCHEDULED, FAILED or CANCELLED, or PENDING while the carrier has not answered yet. No
 * address: it is personal data and stays with the carrier.
 */
@RestController
@RequestMapping("/api/shipments")
class ShipmentController {

    record ShipmentView(
            UUID id,
            UUID orderId,
            ShipmentStatus status,
            @Nullable String carrier,
            @Nullable String trackingNumber,
            @Nullable String failureReason) {

        static ShipmentView of(Shipment shipment) {
            Shipment.Booking booking = shipment.booking();
            return new ShipmentView(
                    Objects.requireNonNull(shipment.shipmentId()),
                    shipment.orderId(),
                    shipment.status(),
                    booking == null ? null : booking.carrier(),
                    booking == null ? null : booking.trackingNumber(),
                    shipment.failureReason());
        }
    }

    private final Shipments shipments;

    ShipmentController(Shipments shipments) {
        this.shipments = shipments;
    }

    @GetMapping
    List<ShipmentView> byOrder(@RequestParam UUID orderId) {
        return shipments.findVisible(orderId).stream().map(ShipmentView::of).toList();
    }
}
