package dev.orderflow.shipping.carrier;

import dev.orderflow.messaging.partner.PartnerCalls;
import dev.orderflow.messaging.partner.PartnerException;
import dev.orderflow.messaging.partner.PartnerHttp;
import dev.orderflow.messaging.partner.PartnerUnavailable;
import dev.orderflow.messaging.partner.PartnerWorkItem;
import dev.orderflow.shipping.carrier.CarrierApi.BookingAnswer;
import dev.orderflow.shipping.carrier.CarrierApi.CancelAnswer;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The carrier as partner work calls it: one HTTP call per method, no retries of its own, each through the carrier's
 * {@link PartnerCalls} guard with a reserved permit, each carrying the work item's idempotency key. Unavailability is
 * a {@link PartnerUnavailable}; any answer that breaks the contract a {@link PartnerException}. Answers are validated
 * like any untrusted input.
 */
public class Carrier {

    private static final int MAX_TEXT_LENGTH = 200;

    private final CarrierApi api;
    private final PartnerCalls calls;

    Carrier(CarrierApi api, PartnerCalls calls) {
        this.api = api;
        this.calls = calls;
    }

    /** The carrier's guard (bulkhead, circuit breaker, time limit), named {@value CarrierApi#GROUP}. */
    public PartnerCalls calls() {
        return calls;
    }

    /** Books once per order: the carrier answers a repeated order id with its first answer. */
    public BookingResult book(BookingRequest request, PartnerWorkItem work, PartnerCalls.Permit permit) {
        BookingAnswer answer = permit.call("booking", () -> api.book(work.idempotencyKey(), request));
        if (answer == null || !request.orderId().equals(answer.orderId())) {
            throw PartnerException.unreadable("booking answer does not name the order booked");
        }
        return result(request.orderId(), answer);
    }

    /** The carrier's record of the order's booking, if it made one (a lookup before anything new happens). */
    public Optional<BookingResult> findBooking(
            BookingRequest request, PartnerWorkItem work, PartnerCalls.Permit permit) {
        List<BookingAnswer> bookings = permit.call("booking lookup", () -> api.shipments(request.orderId()));
        if (bookings == null) {
            throw PartnerException.unreadable("booking lookup answer is not a list");
        }
        return bookings.stream()
                .filter(booking -> request.orderId().equals(booking.orderId()))
                .findFirst()
                .map(booking -> result(request.orderId(), booking));
    }

    /** Cancels the order's booking; the carrier cancels a booking at most once and de-duplicates by key. */
    public Boolean cancel(CancelRequest request, PartnerWorkItem work, PartnerCalls.Permit permit) {
        CancelAnswer answer = permit.call("cancellation", () -> api.cancel(request.orderId(), work.idempotencyKey()));
        if (answer == null || !request.orderId().equals(answer.orderId()) || !"CANCELLED".equals(answer.status())) {
            throw PartnerException.unreadable("cancellation answer does not confirm the cancellation of the order");
        }
        return Boolean.TRUE;
    }

    /** A booking as the carrier states it; a cancelled booking was booked first. */
    private static BookingResult result(UUID orderId, BookingAnswer answer) {
        return switch (String.valueOf(answer.status())) {
            case "BOOKED", "CANCELLED" -> {
                String carrier = text(answer.carrier());
                String tracking = text(answer.trackingNumber());
                if (carrier == null || tracking == null) {
                    throw PartnerException.unreadable("booking answer has no carrier or tracking number");
                }
                yield BookingResult.booked(orderId, carrier, tracking);
            }
            case "FAILED" -> {
                String reason = text(answer.reason());
                yield BookingResult.failed(orderId, reason == null ? "FAILED" : reason);
            }
            default -> throw PartnerException.unreadable("booking answer has an unknown status");
        };
    }

    private static @Nullable String text(@Nullable String value) {
        return PartnerHttp.text(value, MAX_TEXT_LENGTH);
    }
}
