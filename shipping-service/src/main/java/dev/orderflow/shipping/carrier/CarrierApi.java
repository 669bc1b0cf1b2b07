package dev.orderflow.shipping.carrier;

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
 * The carrier's HTTP API (docs/saga.md), as a Spring HTTP service client of group {@value #GROUP}: its base URL and
 * time-outs are {@code spring.http.serviceclient.carrier.*}. Answers are untrusted until {@link Carrier} has validated
 * them.
 */
@HttpExchange(url = "/carrier", accept = "application/json", contentType = "application/json")
interface CarrierApi {

    String GROUP = "carrier";
    String IDEMPOTENCY_KEY = "Idempotency-Key";

    @PostExchange("/shipments")
    @Nullable
    BookingAnswer book(@RequestHeader(IDEMPOTENCY_KEY) String idempotencyKey, @RequestBody BookingRequest request);

    @PostExchange("/shipments/{orderId}/cancel")
    @Nullable
    CancelAnswer cancel(@PathVariable UUID orderId, @RequestHeader(IDEMPOTENCY_KEY) String idempotencyKey);

    @GetExchange("/shipments")
    @Nullable
    List<BookingAnswer> shipments(@RequestParam UUID orderId);

    record BookingAnswer(
            @Nullable UUID orderId,
            @Nullable String status,
            @Nullable String carrier,
            @Nullable String trackingNumber,
            @Nullable String reason) {}

    record CancelAnswer(@Nullable UUID orderId, @Nullable String status) {}
}
