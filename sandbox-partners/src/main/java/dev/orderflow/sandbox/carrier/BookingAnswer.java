package dev.orderflow.sandbox.carrier;

import java.util.UUID;

/** The carrier's answer to a booking: {@code BOOKED} with a tracking number, or {@code FAILED} with a reason. */
record BookingAnswer(UUID orderId, String status, String carrier, String trackingNumber, String reason) {}
