package dev.orderflow.payment;

import dev.orderflow.events.ShippingAddress;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.messaging.Causation;
import dev.orderflow.payment.provider.ChargeRequest;
import dev.orderflow.payment.provider.RefundRequest;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What payment-service did for one order: the charge it intended, the provider's answer, and its refund. The partner
 * calls themselves are partner work (ADR 0010); this is only the business state, moved by the step's transactions.
 */
final class Payment {

    /** What a cancellation means for the payment. */
    enum CancelOutcome {
        /** Nothing was charged and nothing will be, or an earlier cancellation took care of it. */
        NOTHING_TO_DO,
        /** The charge is still pending: it must be voided, or its answer (or a lookup) decides. */
        VOID_CHARGE,
        /** The payment was authorized: a refund is due. */
        REFUND
    }

    /** What is charged, and to whom (the customer id is not personal data here; email and address are). */
    record Charge(String customerId, BigDecimal amount, String currency) {}

    /** Personal data PaymentAuthorized carries on to shipping; forgotten once the provider has answered. */
    record Recipient(String customerEmail, ShippingAddress shippingAddress) {}

    private final UUID orderId;
    private final @Nullable UUID paymentId;
    private PaymentStatus status;
    private @Nullable Charge charge;
    private @Nullable Recipient recipient;
    private @Nullable String declineReason;
    private BigDecimal refundedAmount;
    private @Nullable Causation cancelledBy;

    Payment(
            UUID orderId,
            @Nullable UUID paymentId,
            PaymentStatus status,
            @Nullable Charge charge,
            @Nullable Recipient recipient,
            @Nullable String declineReason,
            BigDecimal refundedAmount,
            @Nullable Causation cancelledBy) {
        this.orderId = orderId;
        this.paymentId = paymentId;
        this.status = status;
        this.charge = charge;
        this.recipient = recipient;
        this.declineReason = declineReason;
        this.refundedAmount = refundedAmount;
        this.cancelledBy = cancelledBy;
    }

    /** The intent to charge a reserved order; the payment id is the provider's idempotency key. */
    static Payment intend(StockReserved reserved, UUID paymentId) {
        return new Payment(
                reserved.orderId(),
                paymentId,
                PaymentStatus.PENDING,
                chargeOf(reserved),
                new Recipient(reserved.customerEmail(), reserved.shippingAddress()),
                null,
                BigDecimal.ZERO,
                null);
    }

    /** The order was cancelled before payment-service heard of it: nothing may ever be charged for it. */
    static Payment tombstone(UUID orderId, Causation cancel) {
        return new Payment(orderId, null, PaymentStatus.VOIDED, null, null, null, BigDecimal.ZERO, cancel);
    }

    /** A reservation that arrived after the cancellation: what it asked for is kept for the record, never charged. */
    void recordLateReservation(StockReserved reserved) {
        if (status != PaymentStatus.VOIDED || charge != null) {
            throw new IllegalStateException("only a tombstone records a late reservation");
        }
        charge = chargeOf(reserved);
    }

    CancelOutcome cancel(Causation cancel) {
        if (cancelledBy != null) {
            return CancelOutcome.NOTHING_TO_DO;
        }
        cancelledBy = cancel;
        return switch (status) {
            case PENDING -> CancelOutcome.VOID_CHARGE;
            case AUTHORIZED -> CancelOutcome.REFUND;
            case DECLINED, REFUNDED, VOIDED -> CancelOutcome.NOTHING_TO_DO;
        };
    }

    /** Nothing was charged at the provider, and nothing will be. */
    void voided() {
        requireStatus(PaymentStatus.PENDING);
        status = PaymentStatus.VOIDED;
        recipient = null;
    }

    /** The provider authorized the charge; the recipient is forgotten (PaymentAuthorized was its last use). */
    void authorize() {
        requireStatus(PaymentStatus.PENDING);
        status = PaymentStatus.AUTHORIZED;
        recipient = null;
    }

    void decline(String reason) {
        requireStatus(PaymentStatus.PENDING);
        status = PaymentStatus.DECLINED;
        declineReason = reason;
        recipient = null;
    }

    void refunded(BigDecimal amount) {
        requireStatus(PaymentStatus.AUTHORIZED);
        if (cancelledBy == null) {
            throw new IllegalStateException("payment of order " + orderId + " is refunded only once cancelled");
        }
        status = PaymentStatus.REFUNDED;
        refundedAmount = amount;
    }

    ChargeRequest chargeRequest() {
        Charge c = Objects.requireNonNull(charge);
        return new ChargeRequest(Objects.requireNonNull(paymentId), orderId, c.customerId(), c.amount(), c.currency());
    }

    RefundRequest refundRequest() {
        return new RefundRequest(
                Objects.requireNonNull(paymentId),
                Objects.requireNonNull(charge).amount());
    }

    /** The refund's idempotency key: one refund per payment, whoever schedules it. */
    String refundKey() {
        return "refund:" + paymentId;
    }

    boolean isCancelled() {
        return cancelledBy != null;
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

    @Nullable
    Causation cancelledBy() {
        return cancelledBy;
    }
}
