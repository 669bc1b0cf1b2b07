package dev.orderflow.shipping.carrier;

import dev.orderflow.events.ShippingAddress;
import dev.orderflow.messaging.TransientFailure;
import dev.orderflow.messaging.partner.PartnerCalls;
import dev.orderflow.messaging.partner.PartnerException;
import dev.orderflow.messaging.partner.PartnerHttp;
import io.micrometer.observation.ObservationRegistry;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The carrier's HTTP API (docs/saga.md): one HTTP call per method and no retries of its own, each through the
 * carrier's {@link PartnerCalls} guard. Unavailability (connection failures, time-outs, 429, 5xx, an open circuit, a
 * full bulkhead) is a {@link TransientFailure}; any other failure, and any answer that breaks the contract, a
 * {@link PartnerException}. Answers are validated like any untrusted input.
 */
public class Carrier {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final int MAX_TEXT_LENGTH = 200;

    private final RestClient rest;
    private final PartnerCalls calls;

    Carrier(RestClient rest, PartnerCalls calls) {
        this.rest = rest;
        this.calls = calls;
    }

    /**
     * A client with bounded connect and read timeouts, observed (latency per partner call), JSON only, every call
     * guarded by {@code calls} (bulkhead, circuit breaker, time limit).
     */
    public static Carrier create(CarrierProperties properties, PartnerCalls calls, ObservationRegistry observations) {
        return new Carrier(
                PartnerHttp.restClient(
                        properties.baseUrl(), properties.connectTimeout(), properties.readTimeout(), observations),
                calls);
    }

    /** How many of {@code wanted} calls are worth making now: none while the carrier's circuit is open. */
    public int capacity(int wanted) {
        return calls.capacity(wanted);
    }

    /** Books once per order: the carrier answers a repeated order id with its first answer. */
    public BookingResult book(UUID orderId, ShippingAddress address) {
        BookingAnswer answer = call(
                "booking",
                () -> rest.post()
                        .uri("/carrier/shipments")
                        .header(IDEMPOTENCY_KEY, orderId.toString())
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(new BookingRequest(
                                orderId,
                                address.name(),
                                address.line1(),
                                address.line2(),
                                address.city(),
                                address.postalCode(),
                                address.country()))
                        .retrieve()
                        .body(BookingAnswer.class));
        if (answer == null || !orderId.equals(answer.orderId())) {
            throw new PartnerException("booking answer does not name the order booked");
        }
        return switch (String.valueOf(answer.status())) {
            case "BOOKED" -> {
                String carrier = text(answer.carrier());
                String tracking = text(answer.trackingNumber());
                if (carrier == null || tracking == null) {
                    throw new PartnerException("booking answer has no carrier or tracking number");
                }
                yield BookingResult.booked(orderId, carrier, tracking);
            }
            case "FAILED" -> {
                String reason = text(answer.reason());
                yield BookingResult.failed(orderId, reason == null ? "FAILED" : reason);
            }
            default -> throw new PartnerException("booking answer has an unknown status");
        };
    }

    /** Cancels the order's booking; the carrier cancels a booking at most once and answers repeats the same way. */
    public void cancel(UUID orderId) {
        CancelAnswer answer = call(
                "cancellation",
                () -> rest.post()
                        .uri("/carrier/shipments/{orderId}/cancel", orderId)
                        .retrieve()
                        .body(CancelAnswer.class));
        if (answer == null || !orderId.equals(answer.orderId()) || !"CANCELLED".equals(answer.status())) {
            throw new PartnerException("cancellation answer does not confirm the cancellation of the order");
        }
    }

    private <T> @Nullable T call(String operation, Supplier<@Nullable T> call) {
        return calls.call(operation, call);
    }

    private static @Nullable String text(@Nullable String value) {
        return PartnerHttp.text(value, MAX_TEXT_LENGTH);
    }

    record BookingRequest(
            UUID orderId,
            String name,
            String line1,
            @Nullable String line2,
            String city,
            String postalCode,
            String country) {}

    record BookingAnswer(
            @Nullable UUID orderId,
            @Nullable String status,
            @Nullable String carrier,
            @Nullable String trackingNumber,
            @Nullable String reason) {}

    record CancelAnswer(@Nullable UUID orderId, @Nullable String status) {}
}
