package dev.orderflow.sandbox.carrier;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.orderflow.sandbox.Problems;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One booking as the carrier keeps it; its JSON is the listing view, without the address. Immutable: every change is a
 * new value swapped in atomically per order id.
 */
record Shipment(
        UUID orderId,
        ShipmentStatus status,
        String carrier,
        String trackingNumber,
        String reason,
        @JsonIgnore BookingRequest request,
        @JsonIgnore BookingAnswer answer) {

    static final String CARRIER = "SANDBOX-PARCEL";
    static final String UNSERVED_COUNTRY = "XX";
    static final String FAILED_REASON = "ADDRESS_NOT_SERVED";

    /** The carrier's decision on a new booking: addresses in country {@code XX} are not served. */
    static Shipment book(BookingRequest request) {
        if (UNSERVED_COUNTRY.equals(request.country())) {
            BookingAnswer answer =
                    new BookingAnswer(request.orderId(), ShipmentStatus.FAILED.name(), CARRIER, null, FAILED_REASON);
            return new Shipment(
                    request.orderId(), ShipmentStatus.FAILED, CARRIER, null, FAILED_REASON, request, answer);
        }
        String tracking = newTrackingNumber();
        BookingAnswer answer =
                new BookingAnswer(request.orderId(), ShipmentStatus.BOOKED.name(), CARRIER, tracking, null);
        return new Shipment(request.orderId(), ShipmentStatus.BOOKED, CARRIER, tracking, null, request, answer);
    }

    /** Cancels a booking once; cancelling again answers the same. */
    Shipment cancel() {
        return switch (status) {
            case FAILED -> throw Problems.conflict("Shipment " + orderId + " was never booked; nothing to cancel");
            case CANCELLED -> this;
            case BOOKED ->
                new Shipment(orderId, ShipmentStatus.CANCELLED, carrier, trackingNumber, null, request, answer);
        };
    }

    CancelAnswer cancelAnswer() {
        return new CancelAnswer(orderId, ShipmentStatus.CANCELLED.name());
    }

    /** A new tracking number per booking, as a real carrier assigns: a replayed answer shows the first one. */
    private static String newTrackingNumber() {
        return "SBX"
                + HexFormat.of()
                        .withUpperCase()
                        .toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
