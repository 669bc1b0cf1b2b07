package dev.orderflow.shipping;

/** Where a shipment stands with the carrier. */
enum ShipmentStatus {
    /** The booking is intended and the carrier has not answered yet. */
    PENDING,
    SCHEDULED,
    FAILED,
    CANCELLED,
    /** The order was cancelled before any booking went out: nothing was booked and nothing ever will be. */
    VOIDED
}
