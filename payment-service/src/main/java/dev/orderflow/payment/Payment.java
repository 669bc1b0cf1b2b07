package dev.orderflow.payment;

import dev.orderflow.events.ShippingAddress;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.messaging.Causation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What payment-service did for one order: the charge intent, the provider's answer, and its compensation. The state
 * says which partner call is due ({@link #dueCall()}); {@code nextAttemptAt} says when.
 */
final class Payment {

    /** The partner call a payment waits for. */
    enum Call {
        NONE,
        CHARGE,
        REFUND
    }

    /** What a cancellation meant for the payment. */
    enum CancelOutcome {
        /** Nothing had been charged: a tombstone or a voided intent. */
        NOTHING_CHARGED,
        /** A charge may be in flight: its result transaction refunds it if it was authorized. */
        CANCEL_REQUESTED,
        /** The payment was authorized: a refund is now due. */
        REFUND_DUE,
        /** An earlier cancellation already took care of it. */
        ALREADY_CANCELLED
    }

    private final UUID orderId;
    private @Nullable UUID paymentId;
    private PaymentStatus status;
    private @Nullable Charge charge;
    private @Nullable Recipient recipient;
    private @Nullable String declineReason;
    private BigDecimal refundedAmount;
    private boolean cancelled;
    private Causes causes;
    private int attempts;
    private @Nullable Instant nextAttemptAt;
    private @Nullable String lastError;

    /** What is charged, and to whom (the customer id is not personal data here; email and address are). */
    record Charge(String customerId, BigDecimal amount, String currency) {}

    /** Personal data PaymentAuthorized carries on to shipping; forgotten once that event is written. */
    record Recipient(String customerEmail, ShippingAddress shippingAddress) {}

    /**
     * The events this payment's own events are caused by, and the trace the intent was recorded in (W3C
     * {@code traceparent}), which the provider calls and their outcome events continue.
     */
    record Causes(
            @Nullable UUID correlationId,
            @Nullable UUID reservationEventId,
            @Nullable UUID cancelEventId,
            @Nullable String traceparent) {

        Causation ofCharge() {
            return Causation.of(Objects.requireNonNull(correlationId), Objects.requireNonNull(reservationEventId));
        }

        Causation ofCancel() {
            return Causation.of(Objects.requireNonNull(correlationId), Objects.requireNonNull(cancelEventId));
        }
    }

    Payment(
            UUID orderId,
            @Nullable UUID paymentId,
            PaymentStatus status,
            @Nullable Charge charge,
            @Nullable Recipient recipient,
            @Nullable String declineReason,
            BigDecimal refundedAmount,
            boolean cancelled,
            Causes causes,
            int attempts,
            @Nullable Instant nextAttemptAt,
            @Nullable String lastError) {
        this.orderId = orderId;
        this.paymentId = paymentId;
        this.status = status;
        this.charge = charge;
        this.recipient = recipient;
        this.declineReason = declineReason;
        this.refundedAmount = refundedAmount;
        this.cancelled = cancelled;
        this.causes = causes;
        this.attempts = attempts;
        this.nextAttemptAt = nextAttemptAt;
        this.lastError = lastError;
    }

    /** The intent to charge a reserved order: a new payment id (the provider's idempotency key), due at once. */
    static Payment intend(
            StockReserved reserved, UUID paymentId, Causation cause, @Nullable String traceparent, Instant now) {
        return new Payment(
                reserved.orderId(),
                paymentId,
                PaymentStatus.PENDING,
                chargeOf(reserved),
                new Recipient(reserved.customerEmail(), reserved.shippingAddress()),
                null,
                BigDecimal.ZERO,
                false,
                new Causes(cause.correlationId(), cause.causationId(), null, traceparent),
                0,
                now,
                null);
    }

    /** The order was cancelled before payment-service heard of it: nothing may ever be charged for it. */
    static Payment tombstone(UUID orderId, Causation cancel) {
        return new Payment(
                orderId,
                null,
                PaymentStatus.VOIDED,
                null,
                null,
                null,
                BigDecimal.ZERO,
                true,
                new Causes(cancel.correlationId(), null, cancel.causationId(), null),
                0,
                null,
                null);
    }

    /** A reservation that arrived after the cancellation: what it asked for is kept for the record, never charged. */
    void recordLateReservation(StockReserved reserved) {
        if (status != PaymentStatus.VOIDED || charge != null) {
            throw new IllegalStateException("only a tombstone records a late reservation");
        }
        charge = chargeOf(reserved);
    }

    CancelOutcome cancel(Causation cancel, Instant now) {
        if (cancelled) {
            return CancelOutcome.ALREADY_CANCELLED;
        }
        cancelled = true;
        causes = new Causes(
                causes.correlationId(), causes.reservationEventId(), cancel.causationId(), causes.traceparent());
        return switch (status) {
            case PENDING -> {
                if (attempts > 0) {
                    // A call went out (or is going out): only its answer tells whether there is anything to refund.
                    yield CancelOutcome.CANCEL_REQUESTED;
                }
                // No call ever went out (the claim that makes one serialises on this row): void the intent.
                status = PaymentStatus.VOIDED;
                recipient = null;
                nextAttemptAt = null;
                yield CancelOutcome.NOTHING_CHARGED;
            }
            case AUTHORIZED -> {
                attempts = 0;
                lastError = null;
                nextAttemptAt = now;
                yield CancelOutcome.REFUND_DUE;
            }
            case DECLINED, REFUNDED, VOIDED -> CancelOutcome.NOTHING_CHARGED;
        };
    }

    /** A worker takes the due call: counted as an attempt and leased to it until {@code leaseUntil}. */
    void claim(Instant leaseUntil) {
        if (dueCall() == Call.NONE) {
            throw new IllegalStateException("no partner call is due for order " + orderId);
        }
        attempts++;
        nextAttemptAt = leaseUntil;
    }

    /**
     * The provider authorized the charge. Personal data is forgotten: PaymentAuthorized, written by the caller from
     * {@link #recipient()} before this, is the last use of it. If the order was cancelled meanwhile a refund is due.
     */
    void authorize(Instant now) {
        requireStatus(PaymentStatus.PENDING);
        status = PaymentStatus.AUTHORIZED;
        recipient = null;
        attempts = 0;
        lastError = null;
        nextAttemptAt = cancelled ? now : null;
    }

    void decline(String reason) {
        requireStatus(PaymentStatus.PENDING);
        status = PaymentStatus.DECLINED;
        declineReason = reason;
        recipient = null;
        lastError = null;
        nextAttemptAt = null;
    }

    void refund(BigDecimal amount) {
        if (dueCall() != Call.REFUND) {
            throw new IllegalStateException("no refund is due for order " + orderId);
        }
        status = PaymentStatus.REFUNDED;
        refundedAmount = amount;
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
            case PENDING -> Call.CHARGE;
            case AUTHORIZED -> cancelled ? Call.REFUND : Call.NONE;
            case DECLINED, REFUNDED, VOIDED -> Call.NONE;
        };
    }

    private void requireStatus(PaymentStatus expected) {
        if (status != expected) {
            throw new IllegalStateException("payment of order " + orderId + " is " + status + ", not " + expected);
        }
    }

    private static Charge chargeOf(StockReserved reserved) {
        return new Charge(reserved.customerId(), reserved.total(), reserved.currency());
    }

    UUID orderId() {
        return orderId;
    }

    @Nullable
    UUID paymentId() {
        return paymentId;
    }

    PaymentStatus status() {
        return status;
    }

    @Nullable
    Charge charge() {
        return charge;
    }

    @Nullable
    Recipient recipient() {
        return recipient;
    }

    @Nullable
    String declineReason() {
        return declineReason;
    }

    BigDecimal refundedAmount() {
        return refundedAmount;
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
