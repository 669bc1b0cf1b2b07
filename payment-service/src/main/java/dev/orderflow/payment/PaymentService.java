package dev.orderflow.payment;

import dev.orderflow.events.CloudEventHeaders;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.PaymentRefunded;
import dev.orderflow.messaging.EventContext;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.messaging.incident.CompensationIncidents;
import dev.orderflow.messaging.tracing.TraceContextPropagation;
import dev.orderflow.payment.Payment.Call;
import dev.orderflow.payment.provider.ChargeResult;
import dev.orderflow.payment.provider.RefundResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactions of intent → call → result: the handlers record intents (and cancellations) in the inbox
 * transaction; the {@link PaymentProcessor} makes the calls outside any transaction and records each answer here, with
 * the event it leads to, in a second one. Every step locks the order's payment row first.
 */
@Service
class PaymentService {

    static final String REFUND = "REFUND";

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);
    private static final int MAX_ERROR_LENGTH = 500;

    private final Payments payments;
    private final Outbox outbox;
    private final CompensationIncidents incidents;
    private final ProcessingProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TraceContextPropagation tracing;

    PaymentService(
            Payments payments,
            Outbox outbox,
            CompensationIncidents incidents,
            ProcessingProperties properties,
            ApplicationEventPublisher events,
            Clock clock,
            TraceContextPropagation tracing) {
        this.payments = payments;
        this.outbox = outbox;
        this.incidents = incidents;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
        this.tracing = tracing;
    }

    /** StockReserved: the intent to charge the total, unless the order was cancelled first. */
    @Transactional
    void intendCharge(StockReserved reserved, EventContext context) {
        UUID orderId = reserved.orderId();
        Optional<Payment> existing = payments.lock(orderId);
        if (existing.isEmpty()) {
            Payment intent = Payment.intend(
                    reserved,
                    UUID.randomUUID(),
                    context.causation(),
                    tracing.capture().get(CloudEventHeaders.TRACEPARENT),
                    clock.instant());
            if (payments.insert(intent)) {
                log.info(
                        "Charge of {} {} intended as payment {}",
                        reserved.total(),
                        reserved.currency(),
                        intent.paymentId());
                workDue();
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

    /** OrderCancelled: a tombstone, a void, a cancel request for a call in flight, or a refund that is now due. */
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
        Payment.CancelOutcome outcome = payment.cancel(context.causation(), clock.instant());
        if (outcome == Payment.CancelOutcome.ALREADY_CANCELLED) {
            return;
        }
        payments.update(payment);
        log.info("Order cancelled; payment {} was {}: {}", payment.paymentId(), payment.status(), outcome);
        if (outcome == Payment.CancelOutcome.REFUND_DUE) {
            workDue();
        }
    }

    /** Leases the due partner calls to the calling worker. */
    @Transactional
    List<Payment> claimDue(int limit) {
        Instant now = clock.instant();
        return payments.claimDue(now, now.plus(properties.claimTimeout()), limit);
    }

    /** Leases the order's refund to the caller at once, whenever it was scheduled; empty if none is due. */
    @Transactional
    Optional<Payment> claimRefund(UUID orderId) {
        return payments.lock(orderId).filter(p -> p.dueCall() == Call.REFUND).map(p -> {
            p.claim(clock.instant().plus(properties.claimTimeout()));
            payments.update(p);
            return p;
        });
    }

    /** The provider answered a charge: authorized (PaymentAuthorized, or a refund if cancelled meanwhile) or declined. */
    @Transactional
    void recordCharge(UUID orderId, ChargeResult result) {
        Payment payment = payments.lock(orderId).orElseThrow();
        if (payment.dueCall() != Call.CHARGE || !result.paymentId().equals(payment.paymentId())) {
            log.debug("Charge answer for payment {} was already recorded", result.paymentId());
            return;
        }
        Payment.Charge charge = Objects.requireNonNull(payment.charge());
        if (result.authorized()) {
            if (payment.cancelled()) {
                log.info("Payment {} authorized after the order was cancelled: refund due", result.paymentId());
                workDue();
            } else {
                Payment.Recipient recipient = Objects.requireNonNull(payment.recipient());
                outbox.publish(
                        new PaymentAuthorized(
                                orderId,
                                result.paymentId(),
                                charge.amount(),
                                charge.currency(),
                                recipient.customerEmail(),
                                recipient.shippingAddress()),
                        payment.causes().ofCharge());
                log.info("Payment {} authorized", result.paymentId());
            }
            payment.authorize(clock.instant());
        } else {
            String reason = Objects.requireNonNull(result.declineReason());
            payment.decline(reason);
            outbox.publish(
                    new PaymentDeclined(orderId, result.paymentId(), reason),
                    payment.causes().ofCharge());
            log.info("Payment {} declined: {}", result.paymentId(), reason);
        }
        payments.update(payment);
    }

    /** The provider confirmed a refund: REFUNDED and PaymentRefunded, once; an open incident is resolved. */
    @Transactional
    void recordRefund(UUID orderId, RefundResult result) {
        Payment payment = payments.lock(orderId).orElseThrow();
        if (payment.dueCall() != Call.REFUND || !result.paymentId().equals(payment.paymentId())) {
            log.debug("Refund of payment {} was already recorded", result.paymentId());
            return;
        }
        payment.refund(result.refundedAmount());
        Payment.Charge charge = Objects.requireNonNull(payment.charge());
        outbox.publish(
                new PaymentRefunded(orderId, result.paymentId(), result.refundedAmount(), charge.currency()),
                payment.causes().ofCancel());
        incidents.resolve(orderId, REFUND);
        payments.update(payment);
        log.info("Payment {} refunded: {} {}", result.paymentId(), result.refundedAmount(), charge.currency());
    }

    /**
     * A call failed: it stays due and is tried again after a backoff. A refund that failed too often becomes (or stays)
     * a compensation incident and is then tried at the incident interval.
     */
    @Transactional
    void recordFailure(UUID orderId, Call call, String error) {
        Payment payment = payments.lock(orderId).orElseThrow();
        if (payment.dueCall() != call) {
            return;
        }
        String shortError = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        boolean incident = call == Call.REFUND && payment.attempts() >= properties.incidentAfterAttempts();
        Instant retryAt = clock.instant()
                .plus(incident ? properties.incidentRetryInterval() : properties.backoff(payment.attempts()));
        payment.failed(shortError, retryAt);
        payments.update(payment);
        if (incident) {
            incidents.recordFailure(orderId, REFUND, payment.attempts(), shortError);
            log.error(
                    "Refund of payment {} keeps failing ({} attempts): incident open",
                    payment.paymentId(),
                    payment.attempts());
        }
    }

    private void workDue() {
        events.publishEvent(new PaymentProcessor.WorkDue());
    }
}
