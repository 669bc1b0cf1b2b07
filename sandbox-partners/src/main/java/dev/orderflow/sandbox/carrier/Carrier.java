package dev.orderflow.sandbox.carrier;

import dev.orderflow.sandbox.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The carrier's bookings, in memory, one per order: each order id is decided atomically, so concurrent retries of a
 * booking yield exactly one shipment and all of them get its answer.
 */
@Component
class Carrier {

    /** Bookings actually made, by status; replays of a key are not counted. */
    static final String BOOKINGS_METRIC = "orderflow.sandbox.carrier.bookings";

    /** Cancellations actually made; replays of a key and repeats of a cancellation are not counted. */
    static final String CANCELLATIONS_METRIC = "orderflow.sandbox.carrier.cancellations";

    private final ConcurrentMap<UUID, Shipment> shipments = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Cancellation> cancellations = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    Carrier(MeterRegistry meters) {
        this.meters = meters;
    }

    BookingAnswer book(BookingRequest request) {
        Shipment shipment = shipments.computeIfAbsent(request.orderId(), id -> {
            Shipment booked = Shipment.book(request);
            meters.counter(BOOKINGS_METRIC, "status", booked.status().name()).increment();
            return booked;
        });
        if (!shipment.request().equals(request)) {
            throw Problems.keyReused("Order " + request.orderId() + " was booked with a different request");
        }
        return shipment.answer();
    }

    /**
     * Cancels under an idempotency key: each key is decided atomically, so a repeated key gets its first answer again.
     * A refusal is not kept under the key; a retry is decided anew.
     */
    CancelAnswer cancel(String idempotencyKey, UUID orderId) {
        Cancellation cancellation =
                cancellations.computeIfAbsent(idempotencyKey, key -> new Cancellation(orderId, cancelOnce(orderId)));
        if (!cancellation.orderId().equals(orderId)) {
            throw Problems.keyReused("Idempotency-Key " + idempotencyKey + " was used to cancel another shipment");
        }
        return cancellation.answer();
    }

    private CancelAnswer cancelOnce(UUID orderId) {
        Shipment cancelled = shipments.computeIfPresent(orderId, (id, shipment) -> {
            Shipment next = shipment.cancel();
            if (next != shipment) {
                meters.counter(CANCELLATIONS_METRIC).increment();
            }
            return next;
        });
        if (cancelled == null) {
            throw Problems.notFound("No shipment for order " + orderId);
        }
        return cancelled.cancelAnswer();
    }

    /** The shipments of one order, or all of them, for invariant checks. */
    List<Shipment> shipments(@Nullable UUID orderId) {
        return shipments.values().stream()
                .filter(s -> orderId == null || s.orderId().equals(orderId))
                .sorted(Comparator.comparing(Shipment::orderId))
                .toList();
    }

    /** A cancellation as first answered under its key. */
    private record Cancellation(UUID orderId, CancelAnswer answer) {}
}
