package dev.orderflow.payment;

import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentAuthorizedAfterCancellation;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.PaymentRefunded;
import dev.orderflow.messaging.Causation;
import dev.orderflow.messaging.EventContext;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.messaging.partner.PartnerWork;
import dev.orderflow.messaging.partner.PartnerWorkItem;
import dev.orderflow.payment.provider.ChargeResult;
import dev.orderflow.payment.provider.RefundResult;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payment's part of the saga, intent → call → result. The handlers run in the inbox transaction of their event: they
 * lock the order's payment row and record the intent to charge (or the refund, or the void) as partner work; the
 * provider calls happen after commit (ADR 0010), and each answer comes back to {@link #charged} or {@link #refunded}
 * in a transaction that locks the same row first and publishes what the answer means.
 *
 * <p>The payments topic reads as a ledger: per order, PaymentAuthorized (or PaymentAuthorizedAfterCancellation) adds
 * the amount the provider charged and PaymentRefunded takes it away again, so the events always add up to the net
 * charge at the provider and never go below zero.
 */
@Service
class PaymentStep {

    static final String CHARGE = "CHARGE";
    static final String REFUND = "REFUND";

    private static final Logger log = LoggerFactory.getLogger(PaymentStep.class);

    private final Payments payments;
    private final Outbox outbox;
    private final PartnerWork partnerWork;

    PaymentStep(Payments payments, Outbox outbox, PartnerWork partnerWork) {
        this.payments = payments;
        this.outbox = outbox;
        this.partnerWork = partnerWork;
    }

    /** StockReserved: the intent to charge the total, unless the order was cancelled first. */
    @Transactional
    void intendCharge(StockReserved reserved, EventContext context) {
        UUID orderId = reserved.orderId();
        Optional<Payment> existing = payments.lock(orderId);
        if (existing.isEmpty()) {
            Payment intent = Payment.intend(reserved, UUID.randomUUID());
            if (payments.insert(intent)) {
                UUID paymentId = Objects.requireNonNull(intent.paymentId());
                partnerWork.schedule(
                        CHARGE, orderId, paymentId.toString(), intent.chargeRequest(), context.causation());
                log.info("Charge of {} {} intended as payment {}", reserved.total(), reserved.currency(), paymentId);
                return;
            }
            existing = payments.lock(orderId);
        }
        Payment payment = existing.orElseThrow();
        if (payment.status() == PaymentStatus.VOIDED && payment.charge() == null) {
            payment.recordLateReservation(reserved);
            payments.update(payment);
            log.info("Reservation arrived after the order was cancelled: recorded, nothing charged");
            return;
        }
        log.info("Payment {} is already {}: reservation ignored", payment.paymentId(), payment.status());
    }

    /** OrderCancelled: a tombstone, a void of a charge that never went out, or a refund that is now due. */
    @Transactional
    void cancel(OrderCancelled cancelled, EventContext context) {
        UUID orderId = cancelled.orderId();
        Optional<Payment> existing = payments.lock(orderId);
        if (existing.isEmpty()) {
            if (payments.insert(Payment.tombstone(orderId, context.causation()))) {
                log.info("Order cancelled before any payment: tombstone recorded");
                return;
            }
            existing = payments.lock(orderId);
        }
        Payment payment = existing.orElseThrow();
        switch (payment.cancel(context.causation())) {
            case NOTHING_TO_DO -> {
                log.info("Order cancelled; payment {} is {}: nothing to undo", payment.paymentId(), payment.status());
                return;
            }
            case VOID_CHARGE -> {
                switch (partnerWork.requestVoid(CHARGE, orderId)) {
                    case VOIDED, NOTHING_OPEN -> {
                        payment.voided();
                        log.info("Order cancelled before the charge reached the provider: voided, nothing charged");
                    }
                    case RESOLVING ->
                        log.info("Order cancelled while the charge may be at the provider: its answer decides");
                }
            }
            case REFUND -> refund(payment, context.causation());
        }
        payments.update(payment);
    }

    /** The first step of every result transaction: the same row lock the handlers take. */
    void lock(UUID orderId) {
        payments.lock(orderId).orElseThrow(() -> new IllegalStateException("no payment for order " + orderId));
    }

    /**
     * The provider answered the charge (or a lookup found it): PaymentAuthorized or PaymentDeclined; an authorization
     * that comes after the cancellation is announced as such and refunded.
     */
    PartnerWorkItem.Status charged(PartnerWorkItem work, ChargeResult result) {
        Payment payment = payments.lock(work.orderId()).orElseThrow();
        UUID paymentId = Objects.requireNonNull(payment.paymentId());
        Payment.Charge charge = Objects.requireNonNull(payment.charge());
        if (payment.status() != PaymentStatus.PENDING || !paymentId.equals(result.paymentId())) {
            log.warn(
                    "Charge answer for payment {} found it {}: nothing recorded", result.paymentId(), payment.status());
            return result.authorized() ? PartnerWorkItem.Status.DONE : PartnerWorkItem.Status.FAILED;
        }
        if (!result.authorized()) {
            String reason = Objects.requireNonNull(result.declineReason());
            payment.decline(reason);
            outbox.publish(new PaymentDeclined(work.orderId(), paymentId, reason), work.causation());
            payments.update(payment);
            log.info("Payment {} declined: {}", paymentId, reason);
            return PartnerWorkItem.Status.FAILED;
        }
        if (payment.isCancelled()) {
            outbox.publish(
                    new PaymentAuthorizedAfterCancellation(
                            work.orderId(), paymentId, charge.amount(), charge.currency()),
                    work.causation());
            payment.authorize();
            refund(payment, Objects.requireNonNull(payment.cancelledBy()));
            log.info("Payment {} authorized after the order was cancelled: refund due", paymentId);
        } else {
            Payment.Recipient recipient = Objects.requireNonNull(payment.recipient());
            outbox.publish(
                    new PaymentAuthorized(
                            work.orderId(),
                            paymentId,
                            charge.amount(),
                            charge.currency(),
                            recipient.customerEmail(),
                            recipient.shippingAddress()),
                    work.causation());
            payment.authorize();
            log.info("Payment {} authorized", paymentId);
        }
        payments.update(payment);
        return PartnerWorkItem.Status.DONE;
    }

    /** The charge never reached the provider, or the provider has none: nothing was charged and nothing will be. */
    void chargeVoided(PartnerWorkItem work) {
        Payment payment = payments.lock(work.orderId()).orElseThrow();
        payment.voided();
        payments.update(payment);
        log.info("Charge of payment {} voided: nothing was charged", payment.paymentId());
    }

    /** The provider confirmed the refund: REFUNDED and PaymentRefunded, once. */
    PartnerWorkItem.Status refunded(PartnerWorkItem work, RefundResult result) {
        Payment payment = payments.lock(work.orderId()).orElseThrow();
        payment.refunded(result.refundedAmount());
        String currency = Objects.requireNonNull(payment.charge()).currency();
        outbox.publish(
                new PaymentRefunded(work.orderId(), result.paymentId(), result.refundedAmount(), currency),
                work.causation());
        payments.update(payment);
        log.info("Payment {} refunded: {} {}", result.paymentId(), result.refundedAmount(), currency);
        return PartnerWorkItem.Status.DONE;
    }

    private void refund(Payment payment, Causation cancellation) {
        partnerWork.schedule(REFUND, payment.orderId(), payment.refundKey(), payment.refundRequest(), cancellation);
        log.info("Order cancelled; payment {} was authorized: refund due", payment.paymentId());
    }
}
