package dev.orderflow.sandbox.carrier;

enum ShipmentStatus {
    BOOKED,
    FAILED,
    CANCELLED
}
