package dev.orderflow.payment;

import dev.orderflow.messaging.TransientFailure;
import dev.orderflow.messaging.incident.CompensationRetry;
import dev.orderflow.messaging.partner.DueWorkProcessor;
import dev.orderflow.messaging.partner.PartnerException;
import dev.orderflow.messaging.tracing.TraceContextPropagation;
import dev.orderflow.payment.Payment.Call;
import dev.orderflow.payment.provider.ChargeRequest;
import dev.orderflow.payment.provider.PaymentProvider;
import dev.orderflow.payment.provider.ProviderProperties;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Makes the provider calls of intent → call → result outside any transaction: takes due payments (new intents, refunds
 * of cancelled orders, and calls whose earlier attempt failed or whose worker died), calls the provider, and records the
 * answer through {@link PaymentService}. A commit that makes a call due wakes it; polling covers everything else, so a
 * payment left PENDING by a crash is driven again. Safe in every replica: rows are leased with {@code skip locked}, and
 * the provider de-duplicates a repeated call by payment id.
 */
@Component
class PaymentProcessor extends DueWorkProcessor<Payment> implements CompensationRetry {

    /** Published inside a transaction that made a call due; wakes the processor once it commits. */
    record WorkDue() {}

    private static final Logger log = LoggerFactory.getLogger(PaymentProcessor.class);

    private final PaymentService payments;
    private final PaymentProvider provider;
    private final TraceContextPropagation tracing;

    PaymentProcessor(
            PaymentService payments,
            PaymentProvider provider,
            ProcessingProperties properties,
            ProviderProperties providerProperties,
            TraceContextPropagation tracing) {
        super(
                "payment-processor",
                properties.pollInterval(),
                properties.batchSize(),
                claimTimeout(properties, providerProperties));
        this.payments = payments;
        this.provider = provider;
        this.tracing = tracing;
    }

    /** The lease of a call: longer than the call can take, or a slow call would be taken again while it runs. */
    private static Duration claimTimeout(ProcessingProperties properties, ProviderProperties providerProperties) {
        Duration longestCall = providerProperties.connectTimeout().plus(providerProperties.readTimeout());
        if (properties.claimTimeout().compareTo(longestCall) <= 0) {
            throw new IllegalStateException(
                    "orderflow.payment.processing.claim-timeout must exceed the provider's connect and read"
                            + " timeouts together (" + longestCall + ")");
        }
        return properties.claimTimeout();
    }

    @TransactionalEventListener
    void onWorkDue(WorkDue due) {
        wakeUp();
    }

    @Override
    public void retryNow(UUID orderId, String action) {
        if (!PaymentService.REFUND.equals(action)) {
            throw new IllegalArgumentException("payment-service compensates by " + PaymentService.REFUND + " only");
        }
        payments.claimRefund(orderId).ifPresent(this::drive);
    }

    /** Nothing is taken while the provider's circuit is open: payments wait, attempts are not spent. */
    @Override
    protected int capacity(int batchSize) {
        return provider.capacity(batchSize);
    }

    @Override
    protected List<Payment> claimDue(int limit) {
        return payments.claimDue(limit);
    }

    /** One call and its result transaction. A failure to record anything leaves the lease to run out. */
    @Override
    protected void drive(Payment payment) {
        UUID orderId = payment.orderId();
        Call call = payment.dueCall();
        try (TraceContextPropagation.Continued span =
                        tracing.continueTrace(payment.causes().traceparent(), "provider " + call, orderId.toString());
                MDC.MDCCloseable o = MDC.putCloseable("orderId", orderId.toString());
                MDC.MDCCloseable c = MDC.putCloseable(
                        "correlationId", String.valueOf(payment.causes().correlationId()))) {
            try {
                try {
                    switch (call) {
                        case CHARGE -> payments.recordCharge(orderId, provider.charge(chargeOf(payment)));
                        case REFUND ->
                            payments.recordRefund(
                                    orderId,
                                    provider.refund(
                                            Objects.requireNonNull(payment.paymentId()),
                                            Objects.requireNonNull(payment.charge())
                                                    .amount()));
                        case NONE -> {}
                    }
                } catch (TransientFailure e) {
                    log.warn("{} attempt {} failed, will retry: {}", call, payment.attempts(), e.getMessage());
                    payments.recordFailure(orderId, call, e.getMessage());
                } catch (PartnerException e) {
                    log.error("{} attempt {} failed, will retry: {}", call, payment.attempts(), e.getMessage());
                    payments.recordFailure(orderId, call, e.getMessage());
                }
            } catch (RuntimeException e) {
                // Nothing could be recorded (database trouble): the lease runs out and the call is made again.
                log.warn("{} attempt {} could not be recorded: {}", call, payment.attempts(), e.toString());
            }
        }
    }

    private static ChargeRequest chargeOf(Payment payment) {
        Payment.Charge charge = Objects.requireNonNull(payment.charge());
        return new ChargeRequest(
                Objects.requireNonNull(payment.paymentId()),
                payment.orderId(),
                charge.customerId(),
                charge.amount(),
                charge.currency());
    }
}
