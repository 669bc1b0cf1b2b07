package dev.orderflow.sandbox.provider;

import dev.orderflow.sandbox.Problems;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * One charge as the provider keeps it, also its listing view. Immutable: every change is a new value swapped in
 * atomically per payment id.
 */
record Charge(
        UUID paymentId,
        UUID orderId,
        BigDecimal amount,
        String currency,
        ChargeStatus status,
        String reason,
        BigDecimal refundedAmount) {

    static final String DECLINING_CUSTOMER_PREFIX = "decline";
    static final String DECLINED_REASON = "CARD_DECLINED";

    /** The provider's decision on a new charge: customers whose id starts with {@code decline} are declined. */
    static Charge decide(ChargeRequest request) {
        boolean declined = request.customerId().startsWith(DECLINING_CUSTOMER_PREFIX);
        return new Charge(
                request.paymentId(),
                request.orderId(),
                request.amount(),
                request.currency(),
                declined ? ChargeStatus.DECLINED : ChargeStatus.AUTHORIZED,
                declined ? DECLINED_REASON : null,
                BigDecimal.ZERO);
    }

    /** The first answer, which every retry with the same key gets again, whatever happened since. */
    ChargeAnswer answer() {
        return status == ChargeStatus.DECLINED
                ? new ChargeAnswer(paymentId, ChargeStatus.DECLINED.name(), reason)
                : new ChargeAnswer(paymentId, ChargeStatus.AUTHORIZED.name(), null);
    }

    /** Whether a retry carries the request that created this charge (customer ids are not kept, only the decision). */
    boolean matches(ChargeRequest request) {
        return orderId.equals(request.orderId())
                && amount.compareTo(request.amount()) == 0
                && currency.equals(request.currency())
                && (status == ChargeStatus.DECLINED) == request.customerId().startsWith(DECLINING_CUSTOMER_PREFIX);
    }

    /** Refunds once; asking again for the same amount answers the same, asking for another amount is refused. */
    Charge refund(BigDecimal requested) {
        return switch (status) {
            case DECLINED ->
                throw Problems.conflict("Payment " + paymentId + " was declined; there is nothing to refund");
            case REFUNDED -> {
                if (refundedAmount.compareTo(requested) != 0) {
                    throw Problems.keyReused("Payment " + paymentId + " was already refunded " + refundedAmount);
                }
                yield this;
            }
            case AUTHORIZED -> {
                if (requested.compareTo(amount) > 0) {
                    throw Problems.conflict("Refund " + requested + " exceeds the charged amount " + amount);
                }
                yield new Charge(paymentId, orderId, amount, currency, ChargeStatus.REFUNDED, reason, requested);
            }
        };
    }

    RefundAnswer refundAnswer() {
        return new RefundAnswer(paymentId, ChargeStatus.REFUNDED.name(), refundedAmount);
    }
}
