package dev.orderflow.shipping.carrier;

import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The carrier's answer to a booking, validated: booked with carrier and tracking number, or failed with a reason. */
public record BookingResult(
        UUID orderId,
        boolean booked,
        @Nullable String carrier,
        @Nullable String trackingNumber,
        @Nullable String failureReason) {

    public static BookingResult booked(UUID orderId, String carrier, String trackingNumber) {
        return new BookingResult(
                orderId, true, Objects.requireNonNull(carrier), Objects.requireNonNull(trackingNumber), null);
    }

    public static BookingResult failed(UUID orderId, String reason) {
        return new BookingResult(orderId, false, null, null, Objects.requireNonNull(reason));
    }
}
