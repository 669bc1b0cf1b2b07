package dev.orderflow.payment.provider;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The payment provider's HTTP API (docs/saga.md), as a Spring HTTP service client of group {@value #GROUP}: its base
 * URL and time-outs are {@code spring.http.serviceclient.provider.*}. Answers are untrusted until
 * {@link PaymentProvider} has validated them.
 */
@HttpExchange(url = "/provider", accept = "application/json", contentType = "application/json")
interface ProviderApi {

    String GROUP = "provider";
    String IDEMPOTENCY_KEY = "Idempotency-Key";

    @PostExchange("/charges")
    @Nullable
    ChargeAnswer charge(@RequestHeader(IDEMPOTENCY_KEY) String idempotencyKey, @RequestBody ChargeRequest request);

    @PostExchange("/charges/{paymentId}/refund")
    @Nullable
    RefundAnswer refund(
            @PathVariable UUID paymentId,
            @RequestHeader(IDEMPOTENCY_KEY) String idempotencyKey,
            @RequestBody Refund refund);

    @GetExchange("/charges")
    @Nullable
    List<ChargeAnswer> charges(@RequestParam UUID orderId);

    record Refund(BigDecimal amount) {}

    record ChargeAnswer(
            @Nullable UUID paymentId,
            @Nullable String status,
            @Nullable String reason) {}

    record RefundAnswer(
            @Nullable UUID paymentId,
            @Nullable String status,
            @Nullable BigDecimal refundedAmount) {}
}
