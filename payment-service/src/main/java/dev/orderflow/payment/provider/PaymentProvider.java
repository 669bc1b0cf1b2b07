package dev.orderflow.payment.provider;

import dev.orderflow.messaging.TransientFailure;
import dev.orderflow.messaging.partner.PartnerCalls;
import dev.orderflow.messaging.partner.PartnerException;
import dev.orderflow.messaging.partner.PartnerHttp;
import io.micrometer.observation.ObservationRegistry;
import java.math.BigDecimal;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The payment provider's HTTP API (docs/saga.md): one HTTP call per method and no retries of its own, each through
 * the provider's {@link PartnerCalls} guard. Unavailability (connection failures, time-outs, 429, 5xx, an open circuit,
 * a full bulkhead) is a {@link TransientFailure}; any other failure, and any answer that breaks the contract, a
 * {@link PartnerException}. Answers are validated like any untrusted input.
 */
public class PaymentProvider {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final int MAX_REASON_LENGTH = 200;

    private final RestClient rest;
    private final PartnerCalls calls;

    PaymentProvider(RestClient rest, PartnerCalls calls) {
        this.rest = rest;
        this.calls = calls;
    }

    /**
     * A client with bounded connect and read timeouts, observed (latency per partner call), JSON only, every call
     * guarded by {@code calls} (bulkhead, circuit breaker, time limit).
     */
    public static PaymentProvider create(
            ProviderProperties properties, PartnerCalls calls, ObservationRegistry observations) {
        return new PaymentProvider(
                PartnerHttp.restClient(
                        properties.baseUrl(), properties.connectTimeout(), properties.readTimeout(), observations),
                calls);
    }

    /** How many of {@code wanted} calls are worth making now: none while the provider's circuit is open. */
    public int capacity(int wanted) {
        return calls.capacity(wanted);
    }

    /** Charges once per payment id: the provider answers a repeated key with its first answer. */
    public ChargeResult charge(ChargeRequest request) {
        ChargeAnswer answer = call(
                "charge",
                () -> rest.post()
                        .uri("/provider/charges")
                        .header(IDEMPOTENCY_KEY, request.paymentId().toString())
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(request)
                        .retrieve()
                        .body(ChargeAnswer.class));
        if (answer == null || !request.paymentId().equals(answer.paymentId())) {
            throw new PartnerException("charge answer does not name the payment charged");
        }
        return switch (String.valueOf(answer.status())) {
            case "AUTHORIZED" -> ChargeResult.authorized(request.paymentId());
            case "DECLINED" -> ChargeResult.declined(request.paymentId(), reason(answer.reason()));
            default -> throw new PartnerException("charge answer has an unknown status");
        };
    }

    /** Refunds {@code amount} of a charge; the provider refunds a payment at most once. */
    public RefundResult refund(UUID paymentId, BigDecimal amount) {
        RefundAnswer answer = call(
                "refund",
                () -> rest.post()
                        .uri("/provider/charges/{paymentId}/refund", paymentId)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(new RefundRequest(amount))
                        .retrieve()
                        .body(RefundAnswer.class));
        if (answer == null || !paymentId.equals(answer.paymentId()) || !"REFUNDED".equals(answer.status())) {
            throw new PartnerException("refund answer does not confirm the refund of the payment");
        }
        if (answer.refundedAmount() == null || answer.refundedAmount().compareTo(amount) != 0) {
            throw new PartnerException("refund answer has another amount than the one refunded");
        }
        return new RefundResult(paymentId, amount);
    }

    private <T> @Nullable T call(String operation, Supplier<@Nullable T> call) {
        return calls.call(operation, call);
    }

    /** A decline reason travels on in PaymentDeclined: bounded, printable, never blank. */
    private static String reason(@Nullable String reason) {
        String cleaned = PartnerHttp.text(reason, MAX_REASON_LENGTH);
        return cleaned == null ? "DECLINED" : cleaned;
    }

    record RefundRequest(BigDecimal amount) {}

    record ChargeAnswer(
            @Nullable UUID paymentId,
            @Nullable String status,
            @Nullable String reason) {}

    record RefundAnswer(
            @Nullable UUID paymentId,
            @Nullable String status,
            @Nullable BigDecimal refundedAmount) {}
}
