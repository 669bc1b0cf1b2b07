package dev.orderflow.shipping;

import dev.orderflow.events.ShippingAddress;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.messaging.Causation;
import dev.orderflow.shipping.carrier.BookingRequest;
import dev.orderflow.shipping.carrier.CancelRequest;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What shipping-service did for one order: the booking it intended, the carrier's answer, and its cancellation. The
 * carrier calls themselves are partner work (ADR 0010); this is only the business state.
 */
final class Shipment {

    /** What a cancellation means for the shipment. */
    enum CancelOutcome {
        /** Nothing was booked and nothing will be, or an earlier cancellation took care of it. */
        NOTHING_TO_DO,
        /** The booking is still pending: it must be voided, or its answer (or a lookup) decides. */
        VOID_BOOKING,
        /** The shipment was booked: the carrier must cancel it. */
        CANCEL_BOOKING
    }

    /** The carrier's booking: who carries it and how to track it. */
    record Booking(String carrier, String trackingNumber) {}

    private final UUID orderId;
    private final @Nullable UUID shipmentId;
    private ShipmentStatus status;
    private @Nullable ShippingAddress address;
    private @Nullable Booking booking;
    private @Nullable String failureReason;
    private @Nullable Causation cancelledBy;

    Shipment(
            UUID orderId,
            @Nullable UUID shipmentId,
            ShipmentStatus status,
            @Nullable ShippingAddress address,
            @Nullable Booking booking,
            @Nullable String failureReason,
            @Nullable Causation cancelledBy) {
        this.orderId = orderId;
        this.shipmentId = shipmentId;
        this.status = status;
        this.address = address;
        this.booking = booking;
        this.failureReason = failureReason;
        this.cancelledBy = cancelledBy;
    }

    /** The intent to book a paid order: a new shipment id. The carrier de-duplicates by order id. */
    static Shipment intend(PaymentAuthorized paid, UUID shipmentId) {
        return new Shipment(
                paid.orderId(), shipmentId, ShipmentStatus.PENDING, paid.shippingAddress(), null, null, null);
    }

    /** The order was cancelled before shipping-service heard of it: nothing may ever be booked for it. */
    static Shipment tombstone(UUID orderId, Causation cancel) {
        return new Shipment(orderId, null, ShipmentStatus.VOIDED, null, null, null, cancel);
    }

    CancelOutcome cancel(Causation cancel) {
        if (cancelledBy != null) {
            return CancelOutcome.NOTHING_TO_DO;
        }
        cancelledBy = cancel;
        return switch (status) {
            case PENDING -> CancelOutcome.VOID_BOOKING;
            case SCHEDULED -> CancelOutcome.CANCEL_BOOKING;
            case FAILED, CANCELLED, VOIDED -> CancelOutcome.NOTHING_TO_DO;
        };
    }

    /** Nothing was booked at the carrier, and nothing will be; the address is forgotten. */
    void voided() {
        requireStatus(ShipmentStatus.PENDING);
        status = ShipmentStatus.VOIDED;
        address = null;
    }

    /** The carrier booked the shipment. The address is forgotten: the carrier has it now. */
    void schedule(Booking carrierBooking) {
        requireStatus(ShipmentStatus.PENDING);
        status = ShipmentStatus.SCHEDULED;
        booking = carrierBooking;
        address = null;
    }

    void fail(String reason) {
        requireStatus(ShipmentStatus.PENDING);
        status = ShipmentStatus.FAILED;
        failureReason = reason;
        address = null;
    }

    void cancelledByCarrier() {
        requireStatus(ShipmentStatus.SCHEDULED);
        if (cancelledBy == null) {
            throw new IllegalStateException("shipment of order " + orderId + " is cancelled only with its order");
        }
        status = ShipmentStatus.CANCELLED;
    }

    BookingRequest bookingRequest() {
        ShippingAddress a = Objects.requireNonNull(address);
        return new BookingRequest(orderId, a.name(), a.line1(), a.line2(), a.city(), a.postalCode(), a.country());
    }

    CancelRequest cancelRequest() {
        return new CancelRequest(orderId);
    }

    /** The booking's idempotency key: the carrier de-duplicates bookings by order. */
    String bookingKey() {
        return orderId.toString();
    }

    /** The cancellation's idempotency key: one cancellation per order, whoever schedules it. */
    String cancellationKey() {
        return "cancel:" + orderId;
    }

    boolean isCancelled() {
        return cancelledBy != null;
    }

    private void requireStatus(ShipmentStatus expected) {
        if (status != expected) {
            throw new IllegalStateException("shipment of order " + orderId + " is " + status + ", not " + expected);
        }
    }

    UUID orderId() {
        return orderId;
    }

    @Nullable
    UUID shipmentId() {
        return shipmentId;
    }

    ShipmentStatus status() {
        return status;
    }

    @Nullable
    ShippingAddress address() {
        return address;
    }

    @Nullable
    Booking booking() {
        return booking;
    }

    @Nullable
    String failureReason() {
        return failureReason;
    }

    @Nullable
    Causation cancelledBy() {
        return cancelledBy;
    }
}
