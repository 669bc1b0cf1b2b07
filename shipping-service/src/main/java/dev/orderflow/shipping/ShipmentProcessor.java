package dev.orderflow.shipping;

import dev.orderflow.messaging.TransientFailure;
import dev.orderflow.messaging.incident.CompensationRetry;
import dev.orderflow.messaging.partner.DueWorkProcessor;
import dev.orderflow.messaging.partner.PartnerException;
import dev.orderflow.messaging.tracing.TraceContextPropagation;
import dev.orderflow.shipping.Shipment.Call;
import dev.orderflow.shipping.carrier.Carrier;
import dev.orderflow.shipping.carrier.CarrierProperties;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Makes the carrier calls of intent → call → result outside any transaction: takes due shipments (new intents,
 * cancellations of booked shipments of cancelled orders, and calls whose earlier attempt failed or whose worker died),
 * calls the carrier, and records the answer through {@link ShippingService}. A commit that makes a call due wakes it;
 * polling covers everything else, so a shipment left PENDING by a crash is driven again. Safe in every replica: rows
 * are leased with {@code skip locked}, and the carrier de-duplicates a repeated booking by order id.
 */
@Component
class ShipmentProcessor extends DueWorkProcessor<Shipment> implements CompensationRetry {

    /** Published inside a transaction that made a call due; wakes the processor once it commits. */
    record WorkDue() {}

    private static final Logger log = LoggerFactory.getLogger(ShipmentProcessor.class);

    private final ShippingService shipping;
    private final Carrier carrier;
    private final TraceContextPropagation tracing;

    ShipmentProcessor(
            ShippingService shipping,
            Carrier carrier,
            ProcessingProperties properties,
            CarrierProperties carrierProperties,
            TraceContextPropagation tracing) {
        super(
                "shipment-processor",
                properties.pollInterval(),
                properties.batchSize(),
                claimTimeout(properties, carrierProperties));
        this.shipping = shipping;
        this.carrier = carrier;
        this.tracing = tracing;
    }

    /** The lease of a call: longer than the call can take, or a slow call would be taken again while it runs. */
    private static Duration claimTimeout(ProcessingProperties properties, CarrierProperties carrierProperties) {
        Duration longestCall = carrierProperties.connectTimeout().plus(carrierProperties.readTimeout());
        if (properties.claimTimeout().compareTo(longestCall) <= 0) {
            throw new IllegalStateException(
                    "orderflow.shipping.processing.claim-timeout must exceed the carrier's connect and read"
                            + " timeouts together (" + longestCall + ")");
        }
        return properties.claimTimeout();
    }

    @TransactionalEventListener
    void onWorkDue(WorkDue due) {
        wakeUp();
    }

    @Override
    public void retryNow(UUID orderId, String action) {
        if (!ShippingService.CANCEL_BOOKING.equals(action)) {
            throw new IllegalArgumentException(
                    "shipping-service compensates by " + ShippingService.CANCEL_BOOKING + " only");
        }
        shipping.claimCancellation(orderId).ifPresent(this::drive);
    }

    /** Nothing is taken while the carrier's circuit is open: shipments wait, attempts are not spent. */
    @Override
    protected int capacity(int batchSize) {
        return carrier.capacity(batchSize);
    }

    @Override
    protected List<Shipment> claimDue(int limit) {
        return shipping.claimDue(limit);
    }

    /** One call and its result transaction. A failure to record anything leaves the lease to run out. */
    @Override
    protected void drive(Shipment shipment) {
        UUID orderId = shipment.orderId();
        Call call = shipment.dueCall();
        try (TraceContextPropagation.Continued span =
                        tracing.continueTrace(shipment.causes().traceparent(), "carrier " + call, orderId.toString());
                MDC.MDCCloseable o = MDC.putCloseable("orderId", orderId.toString());
                MDC.MDCCloseable c = MDC.putCloseable(
                        "correlationId", String.valueOf(shipment.causes().correlationId()))) {
            try {
                try {
                    switch (call) {
                        case BOOK ->
                            shipping.recordBooking(
                                    orderId, carrier.book(orderId, Objects.requireNonNull(shipment.address())));
                        case CANCEL -> {
                            carrier.cancel(orderId);
                            shipping.recordCancellation(orderId);
                        }
                        case NONE -> {}
                    }
                } catch (TransientFailure e) {
                    log.warn("{} attempt {} failed, will retry: {}", call, shipment.attempts(), e.getMessage());
                    shipping.recordFailure(orderId, call, e.getMessage());
                } catch (PartnerException e) {
                    log.error("{} attempt {} failed, will retry: {}", call, shipment.attempts(), e.getMessage());
                    shipping.recordFailure(orderId, call, e.getMessage());
                }
            } catch (RuntimeException e) {
                // Nothing could be recorded (database trouble): the lease runs out and the call is made again.
                log.warn("{} attempt {} could not be recorded: {}", call, shipment.attempts(), e.toString());
            }
        }
    }
}
