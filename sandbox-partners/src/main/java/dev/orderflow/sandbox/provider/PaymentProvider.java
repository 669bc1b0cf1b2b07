package dev.orderflow.sandbox.provider;

import dev.orderflow.sandbox.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The provider's ledger, in memory. Each payment id is decided atomically ({@link ConcurrentMap#computeIfAbsent}), so
 * concurrent retries of one charge yield exactly one charge and all of them get its answer.
 */
@Component
class PaymentProvider {

    /** Charges actually made, by status; replays of a key are not counted. */
    static final String CHARGES_METRIC = "orderflow.sandbox.provider.charges";

    /** Refunds actually made; replays of a key and repeats of a refund are not counted. */
    static final String REFUNDS_METRIC = "orderflow.sandbox.provider.refunds";

    private final ConcurrentMap<UUID, Charge> charges = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Refund> refunds = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    PaymentProvider(MeterRegistry meters) {
        this.meters = meters;
    }

    ChargeAnswer charge(ChargeRequest request) {
        Charge charge = charges.computeIfAbsent(request.paymentId(), id -> {
            Charge made = Charge.decide(request);
            meters.counter(CHARGES_METRIC, "status", made.status().name()).increment();
            return made;
        });
        if (!charge.matches(request)) {
            throw Problems.keyReused("Payment " + request.paymentId() + " was charged with a different request");
        }
        return charge.answer();
    }

    /**
     * Refunds under an idempotency key: each key is decided atomically, so a repeated key gets its first answer again.
     * A refusal is not kept under the key; a retry is decided anew.
     */
    RefundAnswer refund(String idempotencyKey, UUID paymentId, BigDecimal amount) {
        Refund refund = refunds.computeIfAbsent(
                idempotencyKey, key -> new Refund(paymentId, amount, refundOnce(paymentId, amount)));
        if (!refund.paymentId().equals(paymentId) || refund.amount().compareTo(amount) != 0) {
            throw Problems.keyReused("Idempotency-Key " + idempotencyKey + " was used for a different refund");
        }
        return refund.answer();
    }

    private RefundAnswer refundOnce(UUID paymentId, BigDecimal amount) {
        Charge refunded = charges.computeIfPresent(paymentId, (id, charge) -> {
            Charge next = charge.refund(amount);
            if (next != charge) {
                meters.counter(REFUNDS_METRIC).increment();
            }
            return next;
        });
        if (refunded == null) {
            throw Problems.notFound("No charge " + paymentId);
        }
        return refunded.refundAnswer();
    }

    /** The order a payment was charged for, if the provider has the charge. */
    @Nullable
    UUID orderOf(UUID paymentId) {
        Charge charge = charges.get(paymentId);
        return charge == null ? null : charge.orderId();
    }

    /** The charges of one order, or all of them, for invariant checks. */
    List<Charge> charges(@Nullable UUID orderId) {
        return charges.values().stream()
                .filter(c -> orderId == null || c.orderId().equals(orderId))
                .sorted(Comparator.comparing(Charge::orderId).thenComparing(Charge::paymentId))
                .toList();
    }

    /** A refund as first answered under its key. */
    private record Refund(UUID paymentId, BigDecimal amount, RefundAnswer answer) {}
}
