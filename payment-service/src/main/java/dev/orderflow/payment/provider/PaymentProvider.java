package dev.orderflow.payment.provider;

import dev.orderflow.messaging.partner.PartnerCalls;
import dev.orderflow.messaging.partner.PartnerException;
import dev.orderflow.messaging.partner.PartnerHttp;
import dev.orderflow.messaging.partner.PartnerUnavailable;
import dev.orderflow.messaging.partner.PartnerWorkItem;
import dev.orderflow.payment.provider.ProviderApi.ChargeAnswer;
import dev.orderflow.payment.provider.ProviderApi.RefundAnswer;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The payment provider as partner work calls it: one HTTP call per method, no retries of its own, each through the
 * provider's {@link PartnerCalls} guard with a reserved permit, each carrying the work item's idempotency key.
 * Unavailability is a {@link PartnerUnavailable}; any answer that breaks the contract a {@link PartnerException}.
 * Answers are validated like any untrusted input.
 */
public class PaymentProvider {

    private static final int MAX_REASON_LENGTH = 200;

    private final ProviderApi api;
    private final PartnerCalls calls;

    PaymentProvider(ProviderApi api, PartnerCalls calls) {
        this.api = api;
        this.calls = calls;
    }

    /** The provider's guard (bulkhead, circuit breaker, time limit), named {@value ProviderApi#GROUP}. */
    public PartnerCalls calls() {
        return calls;
    }

    /** Charges once per payment id: the provider answers a repeated key with its first answer. */
    public ChargeResult charge(ChargeRequest request, PartnerWorkItem work, PartnerCalls.Permit permit) {
        ChargeAnswer answer = permit.call("charge", () -> api.charge(work.idempotencyKey(), request));
        if (answer == null || !request.paymentId().equals(answer.paymentId())) {
            throw PartnerException.unreadable("charge answer does not name the payment charged");
        }
        return result(request, answer);
    }

    /** The provider's record of the charge of this payment, if it made one (a lookup before anything new happens). */
    public Optional<ChargeResult> findCharge(ChargeRequest request, PartnerWorkItem work, PartnerCalls.Permit permit) {
        List<ChargeAnswer> charges = permit.call("charge lookup", () -> api.charges(request.orderId()));
        if (charges == null) {
            throw PartnerException.unreadable("charge lookup answer is not a list");
        }
        return charges.stream()
                .filter(charge -> request.paymentId().equals(charge.paymentId()))
                .findFirst()
                .map(charge -> result(request, charge));
    }

    /** Refunds the amount of a charge; the provider refunds a payment at most once and de-duplicates by key. */
    public RefundResult refund(RefundRequest request, PartnerWorkItem work, PartnerCalls.Permit permit) {
        RefundAnswer answer = permit.call(
                "refund",
                () -> api.refund(request.paymentId(), work.idempotencyKey(), new ProviderApi.Refund(request.amount())));
        if (answer == null || !request.paymentId().equals(answer.paymentId()) || !"REFUNDED".equals(answer.status())) {
            throw PartnerException.unreadable("refund answer does not confirm the refund of the payment");
        }
        if (answer.refundedAmount() == null || answer.refundedAmount().compareTo(request.amount()) != 0) {
            throw PartnerException.unreadable("refund answer has another amount than the one refunded");
        }
        return new RefundResult(request.paymentId(), request.amount());
    }

    /** A charge's status as the provider states it; a refunded charge was authorized first. */
    private static ChargeResult result(ChargeRequest request, ChargeAnswer answer) {
        return switch (String.valueOf(answer.status())) {
            case "AUTHORIZED", "REFUNDED" -> ChargeResult.authorized(request.paymentId());
            case "DECLINED" -> ChargeResult.declined(request.paymentId(), reason(answer.reason()));
            default -> throw PartnerException.unreadable("charge answer has an unknown status");
        };
    }

    /** A decline reason travels on in PaymentDeclined: bounded, printable, never blank. */
    private static String reason(@Nullable String reason) {
        String cleaned = PartnerHttp.text(reason, MAX_REASON_LENGTH);
        return cleaned == null ? "DECLINED" : cleaned;
    }
}
