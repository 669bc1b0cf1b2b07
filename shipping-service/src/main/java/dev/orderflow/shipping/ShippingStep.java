package dev.orderflow.shipping;

import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.shipping.ShipmentCancelled;
import dev.orderflow.events.shipping.ShipmentFailed;
import dev.orderflow.events.shipping.ShipmentScheduled;
import dev.orderflow.messaging.Causation;
import dev.orderflow.messaging.EventContext;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.messaging.partner.PartnerWork;
import dev.orderflow.messaging.partner.PartnerWorkItem;
import dev.orderflow.shipping.carrier.BookingResult;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shipping's part of the saga, intent → call → result. The handlers run in the inbox transaction of their event: they
 * lock the order's shipment row and record the intent to book (or the cancellation, or the void) as partner work; the
 * carrier calls happen after commit (ADR 0010), and each answer comes back to {@link #booked} or
 * {@link #cancelledByCarrier} in a transaction that locks the same row first and publishes what the answer means.
 */
@Service
class ShippingStep {

    static final String BOOK = "BOOK";
    static final String CANCEL_BOOKING = "CANCEL_BOOKING";

    private static final Logger log = LoggerFactory.getLogger(ShippingStep.class);

    private final Shipments shipments;
    private final Outbox outbox;
    private final PartnerWork partnerWork;

    ShippingStep(Shipments shipments, Outbox outbox, PartnerWork partnerWork) {
        this.shipments = shipments;
        this.outbox = outbox;
        this.partnerWork = partnerWork;
    }

    /** PaymentAuthorized: the intent to book the shipment, unless the order was cancelled first. */
    @Transactional
    void intendBooking(PaymentAuthorized paid, EventContext context) {
        UUID orderId = paid.orderId();
        Optional<Shipment> existing = shipments.lock(orderId);
        if (existing.isEmpty()) {
            Shipment intent = Shipment.intend(paid, UUID.randomUUID());
            if (shipments.insert(intent)) {
                partnerWork.schedule(BOOK, orderId, intent.bookingKey(), intent.bookingRequest(), context.causation());
                log.info("Booking intended as shipment {}", intent.shipmentId());
                return;
            }
            existing = shipments.lock(orderId);
        }
        log.info(
                "Shipment of the order is already {}: payment ignored",
                existing.orElseThrow().status());
    }

    /** OrderCancelled: a tombstone, a void of a booking that never went out, or a carrier cancellation now due. */
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
        switch (shipment.cancel(context.causation())) {
            case NOTHING_TO_DO -> {
                log.info(
                        "Order cancelled; shipment {} is {}: nothing to undo",
                        shipment.shipmentId(),
                        shipment.status());
                return;
            }
            case VOID_BOOKING -> {
                switch (partnerWork.requestVoid(BOOK, orderId)) {
                    case VOIDED, NOTHING_OPEN -> {
                        shipment.voided();
                        log.info("Order cancelled before the booking reached the carrier: voided, nothing booked");
                    }
                    case RESOLVING ->
                        log.info("Order cancelled while the booking may be at the carrier: its answer decides");
                }
            }
            case CANCEL_BOOKING -> cancelBooking(shipment, context.causation());
        }
        shipments.update(shipment);
    }

    /** The first step of every result transaction: the same row lock the handlers take. */
    void lock(UUID orderId) {
        shipments.lock(orderId).orElseThrow(() -> new IllegalStateException("no shipment for order " + orderId));
    }

    /**
     * The carrier answered the booking (or a lookup found it): ShipmentScheduled or ShipmentFailed; a booking made after
     * the cancellation is cancelled with the carrier at once.
     */
    PartnerWorkItem.Status booked(PartnerWorkItem work, BookingResult result) {
        Shipment shipment = shipments.lock(work.orderId()).orElseThrow();
        UUID shipmentId = Objects.requireNonNull(shipment.shipmentId());
        if (shipment.status() != ShipmentStatus.PENDING) {
            log.warn("Booking answer found shipment {} {}: nothing recorded", shipmentId, shipment.status());
            return result.booked() ? PartnerWorkItem.Status.DONE : PartnerWorkItem.Status.FAILED;
        }
        if (!result.booked()) {
            String reason = Objects.requireNonNull(result.failureReason());
            shipment.fail(reason);
            outbox.publish(new ShipmentFailed(work.orderId(), reason), work.causation());
            shipments.update(shipment);
            log.info("Shipment {} failed: {}", shipmentId, reason);
            return PartnerWorkItem.Status.FAILED;
        }
        Shipment.Booking booking = new Shipment.Booking(
                Objects.requireNonNull(result.carrier()), Objects.requireNonNull(result.trackingNumber()));
        shipment.schedule(booking);
        if (shipment.isCancelled()) {
            cancelBooking(shipment, Objects.requireNonNull(shipment.cancelledBy()));
            log.info("Shipment {} booked after the order was cancelled: cancellation due", shipmentId);
        } else {
            outbox.publish(
                    new ShipmentScheduled(work.orderId(), shipmentId, booking.carrier(), booking.trackingNumber()),
                    work.causation());
            log.info("Shipment {} scheduled with {}", shipmentId, booking.carrier());
        }
        shipments.update(shipment);
        return PartnerWorkItem.Status.DONE;
    }

    /** The booking never reached the carrier, or the carrier has none: nothing was booked and nothing will be. */
    void bookingVoided(PartnerWorkItem work) {
        Shipment shipment = shipments.lock(work.orderId()).orElseThrow();
        shipment.voided();
        shipments.update(shipment);
        log.info("Booking of shipment {} voided: nothing was booked", shipment.shipmentId());
    }

    /** The carrier confirmed the cancellation: CANCELLED and ShipmentCancelled, once. */
    PartnerWorkItem.Status cancelledByCarrier(PartnerWorkItem work, Boolean confirmed) {
        Shipment shipment = shipments.lock(work.orderId()).orElseThrow();
        shipment.cancelledByCarrier();
        UUID shipmentId = Objects.requireNonNull(shipment.shipmentId());
        outbox.publish(new ShipmentCancelled(work.orderId(), shipmentId), work.causation());
        shipments.update(shipment);
        log.info("Shipment {} cancelled with the carrier", shipmentId);
        return PartnerWorkItem.Status.DONE;
    }

    private void cancelBooking(Shipment shipment, Causation cancellation) {
        partnerWork.schedule(
                CANCEL_BOOKING, shipment.orderId(), shipment.cancellationKey(), shipment.cancelRequest(), cancellation);
        log.info("Order cancelled; shipment {} was booked: carrier cancellation due", shipment.shipmentId());
    }
}
