package dev.orderflow.shipping;

import dev.orderflow.events.ShippingAddress;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.messaging.Causation;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What shipping-service did for one order: the booking intent, the carrier's answer, and its compensation. The state
 * says which carrier call is due ({@link #dueCall()}); {@code nextAttemptAt} says when.
 */
final class Shipment {

    /** The carrier call a shipment waits for. */
    enum Call {
        NONE,
        BOOK,
        CANCEL
    }

    /** What a cancellation meant for the shipment. */
    enum CancelOutcome {
        /** Nothing had been booked: a tombstone or a voided intent. */
        NOTHING_BOOKED,
        /** A booking may be in flight: its result transaction cancels it if the carrier booked it. */
        CANCEL_REQUESTED,
        /** The shipment was booked: a cancellation with the carrier is now due. */
        CANCEL_DUE,
        /** An earlier cancellation already took care of it. */
        ALREADY_CANCELLED
    }

    /** The carrier's booking: who carries it and how to track it. */
    record Booking(String carrier, String trackingNumber) {}

    /**
     * The events this shipment's own events are caused by, and the trace the intent was recorded in (W3C
     * {@code traceparent}), which the carrier calls and their outcome events continue.
     */
    record Causes(
            @Nullable UUID correlationId,
            @Nullable UUID paymentEventId,
            @Nullable UUID cancelEventId,
            @Nullable String traceparent) {

        Causation ofBooking() {
            return Causation.of(Objects.requireNonNull(correlationId), Objects.requireNonNull(paymentEventId));
        }

        Causation ofCancel() {
            return Causation.of(Objects.requireNonNull(correlationId), Objects.requireNonNull(cancelEventId));
        }
    }

    private final UUID orderId;
    private @Nullable UUID shipmentId;
    private ShipmentStatus status;
    private @Nullable ShippingAddress address;
    private @Nullable Booking booking;
    private @Nullable String failureReason;
    private boolean cancelled;
    private Causes causes;
    private int attempts;
    private @Nullable Instant nextAttemptAt;
    private @Nullable String lastError;

    Shipment(
            UUID orderId,
            @Nullable UUID shipmentId,
            ShipmentStatus status,
            @Nullable ShippingAddress address,
            @Nullable Booking booking,
            @Nullable String failureReason,
            boolean cancelled,
            Causes causes,
            int attempts,
            @Nullable Instant nextAttemptAt,
            @Nullable String lastError) {
        this.orderId = orderId;
        this.shipmentId = shipmentId;
        this.status = status;
        this.address = address;
        this.booking = booking;
        this.failureReason = failureReason;
        this.cancelled = cancelled;
        this.causes = causes;
        this.attempts = attempts;
        this.nextAttemptAt = nextAttemptAt;
        this.lastError = lastError;
    }

    /** The intent to book a paid order: a new shipment id, due at once. The carrier de-duplicates by order id. */
    static Shipment intend(
            PaymentAuthorized paid, UUID shipmentId, Causation cause, @Nullable String traceparent, Instant now) {
        return new Shipment(
                paid.orderId(),
                shipmentId,
                ShipmentStatus.PENDING,
                paid.shippingAddress(),
                null,
                null,
                false,
                new Causes(cause.correlationId(), cause.causationId(), null, traceparent),
                0,
                now,
                null);
    }

    /** The order was cancelled before shipping-service heard of it: nothing may ever be booked for it. */
    static Shipment tombstone(UUID orderId, Causation cancel) {
        return new Shipment(
                orderId,
                null,
                ShipmentStatus.VOIDED,
                null,
                null,
                null,
                true,
                new Causes(cancel.correlationId(), null, cancel.causationId(), null),
                0,
                null,
                null);
    }

    CancelOutcome cancel(Causation cancel, Instant now) {
        if (cancelled) {
            return CancelOutcome.ALREADY_CANCELLED;
        }
        cancelled = true;
        causes =
                new Causes(causes.correlationId(), causes.paymentEventId(), cancel.causationId(), causes.traceparent());
        return switch (status) {
            case PENDING -> {
                if (attempts > 0) {
                    // A booking went out (or is going out): only its answer tells whether there is anything to cancel.
                    yield CancelOutcome.CANCEL_REQUESTED;
                }
                // No call ever went out (the claim that makes one serialises on this row): void the intent.
                status = ShipmentStatus.VOIDED;
                address = null;
                nextAttemptAt = null;
                yield CancelOutcome.NOTHING_BOOKED;
            }
            case SCHEDULED -> {
                attempts = 0;
                lastError = null;
                nextAttemptAt = now;
                yield CancelOutcome.CANCEL_DUE;
            }
            case FAILED, CANCELLED, VOIDED -> CancelOutcome.NOTHING_BOOKED;
        };
    }

    /** A worker takes the due call: counted as an attempt and leased to it until {@code leaseUntil}. */
    void claim(Instant leaseUntil) {
        if (dueCall() == Call.NONE) {
            throw new IllegalStateException("no carrier call is due for order " + orderId);
        }
        attempts++;
        nextAttemptAt = leaseUntil;
    }

    /**
     * The carrier booked the shipment. The address is forgotten: the carrier has it now. If the order was cancelled
     * meanwhile, a cancellation with the carrier is due.
     */
    void schedule(Booking carrierBooking, Instant now) {
        requireStatus(ShipmentStatus.PENDING);
        status = ShipmentStatus.SCHEDULED;
        booking = carrierBooking;
        address = null;
        attempts = 0;
        lastError = null;
        nextAttemptAt = cancelled ? now : null;
    }

    void fail(String reason) {
        requireStatus(ShipmentStatus.PENDING);
        status = ShipmentStatus.FAILED;
        failureReason = reason;
        address = null;
        lastError = null;
        nextAttemptAt = null;
    }

    void cancelledByCarrier() {
        if (dueCall() != Call.CANCEL) {
            throw new IllegalStateException("no cancellation is due for order " + orderId);
        }
        status = ShipmentStatus.CANCELLED;
        lastError = null;
        nextAttemptAt = null;
    }

    /** The due call failed; it stays due and is tried again at {@code retryAt}. */
    void failed(String error, Instant retryAt) {
        lastError = error;
        nextAttemptAt = retryAt;
    }

    Call dueCall() {
        return switch (status) {
            case PENDING -> Call.BOOK;
            case SCHEDULED -> cancelled ? Call.CANCEL : Call.NONE;
            case FAILED, CANCELLED, VOIDED -> Call.NONE;
        };
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

    boolean cancelled() {
        return cancelled;
    }

    Causes causes() {
        return causes;
    }

    int attempts() {
        return attempts;
    }

    @Nullable
    Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    @Nullable
    String lastError() {
        return lastError;
    }
}
