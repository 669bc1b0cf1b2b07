package dev.orderflow.shipping;

import dev.orderflow.events.CloudEventHeaders;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.shipping.ShipmentCancelled;
import dev.orderflow.events.shipping.ShipmentFailed;
import dev.orderflow.events.shipping.ShipmentScheduled;
import dev.orderflow.messaging.EventContext;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.messaging.incident.CompensationIncidents;
import dev.orderflow.messaging.tracing.TraceContextPropagation;
import dev.orderflow.shipping.Shipment.Call;
import dev.orderflow.shipping.carrier.BookingResult;
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
 * transaction; the {@link ShipmentProcessor} makes the carrier calls outside any transaction and records each answer
 * here, with the event it leads to, in a second one. Every step locks the order's shipment row first.
 */
@Service
class ShippingService {

    static final String CANCEL_BOOKING = "CANCEL_BOOKING";

    private static final Logger log = LoggerFactory.getLogger(ShippingService.class);
    private static final int MAX_ERROR_LENGTH = 500;

    private final Shipments shipments;
    private final Outbox outbox;
    private final CompensationIncidents incidents;
    private final ProcessingProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    private final TraceContextPropagation tracing;

    ShippingService(
            Shipments shipments,
            Outbox outbox,
            CompensationIncidents incidents,
            ProcessingProperties properties,
            ApplicationEventPublisher events,
            Clock clock,
            TraceContextPropagation tracing) {
        this.shipments = shipments;
        this.outbox = outbox;
        this.incidents = incidents;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
        this.tracing = tracing;
    }

    /** PaymentAuthorized: the intent to book the shipment, unless the order was cancelled first. */
    @Transactional
    void intendBooking(PaymentAuthorized paid, EventContext context) {
        UUID orderId = paid.orderId();
        Optional<Shipment> existing = shipments.lock(orderId);
        if (existing.isEmpty()) {
            Shipment intent = Shipment.intend(
                    paid,
                    UUID.randomUUID(),
                    context.causation(),
                    tracing.capture().get(CloudEventHeaders.TRACEPARENT),
                    clock.instant());
            if (shipments.insert(intent)) {
                log.info("Booking intended as shipment {}", intent.shipmentId());
                workDue();
                return;
            }
            existing = shipments.lock(orderId);
        }
        Shipment shipment = existing.orElseThrow();
        log.info("Shipment of the order is already {}: payment ignored", shipment.status());
    }

    /** OrderCancelled: a tombstone, a void, a cancel request for a booking in flight, or a cancellation now due. */
    @Transactional
    void cancel(OrderCancelled cancelled, EventContext context) {
        UUID orderId = cancelled.orderId();
        Optional<Shipment> existing = shipments.lock(orderId);
        if (existing.isEmpty()) {
            if (shipments.insert(Shipment.tombstone(orderId, context.causation()))) {
                log.info("Order cancelled before any shipment: tombstone recorded");
                return;
            }
            existing = shipments.lock(orderId);
        }
        Shipment shipment = existing.orElseThrow();
        Shipment.CancelOutcome outcome = shipment.cancel(context.causation(), clock.instant());
        if (outcome == Shipment.CancelOutcome.ALREADY_CANCELLED) {
            return;
        }
        shipments.update(shipment);
        log.info("Order cancelled; shipment {} was {}: {}", shipment.shipmentId(), shipment.status(), outcome);
        if (outcome == Shipment.CancelOutcome.CANCEL_DUE) {
            workDue();
        }
    }

    /** Leases the due carrier calls to the calling worker. */
    @Transactional
    List<Shipment> claimDue(int limit) {
        Instant now = clock.instant();
        return shipments.claimDue(now, now.plus(properties.claimTimeout()), limit);
    }

    /** Leases the order's carrier cancellation to the caller at once, whenever it was scheduled; empty if none is due. */
    @Transactional
    Optional<Shipment> claimCancellation(UUID orderId) {
        return shipments.lock(orderId).filter(s -> s.dueCall() == Call.CANCEL).map(s -> {
            s.claim(clock.instant().plus(properties.claimTimeout()));
            shipments.update(s);
            return s;
        });
    }

    /** The carrier answered a booking: scheduled (ShipmentScheduled, or a cancellation if cancelled meanwhile) or failed. */
    @Transactional
    void recordBooking(UUID orderId, BookingResult result) {
        Shipment shipment = shipments.lock(orderId).orElseThrow();
        if (shipment.dueCall() != Call.BOOK) {
            log.debug("Booking answer for order {} was already recorded", orderId);
            return;
        }
        UUID shipmentId = Objects.requireNonNull(shipment.shipmentId());
        if (result.booked()) {
            Shipment.Booking booking = new Shipment.Booking(
                    Objects.requireNonNull(result.carrier()), Objects.requireNonNull(result.trackingNumber()));
            if (shipment.cancelled()) {
                log.info("Shipment {} booked after the order was cancelled: cancellation due", shipmentId);
                workDue();
            } else {
                outbox.publish(
                        new ShipmentScheduled(orderId, shipmentId, booking.carrier(), booking.trackingNumber()),
                        shipment.causes().ofBooking());
                log.info("Shipment {} scheduled with {}", shipmentId, booking.carrier());
            }
            shipment.schedule(booking, clock.instant());
        } else {
            String reason = Objects.requireNonNull(result.failureReason());
            shipment.fail(reason);
            outbox.publish(
                    new ShipmentFailed(orderId, reason), shipment.causes().ofBooking());
            log.info("Shipment {} failed: {}", shipmentId, reason);
        }
        shipments.update(shipment);
    }

    /** The carrier confirmed the cancellation: CANCELLED and ShipmentCancelled, once; an open incident is resolved. */
    @Transactional
    void recordCancellation(UUID orderId) {
        Shipment shipment = shipments.lock(orderId).orElseThrow();
        if (shipment.dueCall() != Call.CANCEL) {
            log.debug("Cancellation of order {}'s shipment was already recorded", orderId);
            return;
        }
        shipment.cancelledByCarrier();
        UUID shipmentId = Objects.requireNonNull(shipment.shipmentId());
        outbox.publish(
                new ShipmentCancelled(orderId, shipmentId), shipment.causes().ofCancel());
        incidents.resolve(orderId, CANCEL_BOOKING);
        shipments.update(shipment);
        log.info("Shipment {} cancelled with the carrier", shipmentId);
    }

    /**
     * A call failed: it stays due and is tried again after a backoff. A cancellation that failed too often becomes (or
     * stays) a compensation incident and is then tried at the incident interval.
     */
    @Transactional
    void recordFailure(UUID orderId, Call call, String error) {
        Shipment shipment = shipments.lock(orderId).orElseThrow();
        if (shipment.dueCall() != call) {
            return;
        }
        String shortError = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        boolean incident = call == Call.CANCEL && shipment.attempts() >= properties.incidentAfterAttempts();
        Instant retryAt = clock.instant()
                .plus(incident ? properties.incidentRetryInterval() : properties.backoff(shipment.attempts()));
        shipment.failed(shortError, retryAt);
        shipments.update(shipment);
        if (incident) {
            incidents.recordFailure(orderId, CANCEL_BOOKING, shipment.attempts(), shortError);
            log.error(
                    "Cancellation of shipment {} keeps failing ({} attempts): incident open",
                    shipment.shipmentId(),
                    shipment.attempts());
        }
    }

    private void workDue() {
        events.publishEvent(new ShipmentProcessor.WorkDue());
    }
}
