package dev.orderflow.shipping;

import dev.orderflow.messaging.TransientFailure;
import dev.orderflow.messaging.incident.CompensationRetry;
import dev.orderflow.shipping.Shipment.Call;
import dev.orderflow.shipping.carrier.Carrier;
import dev.orderflow.shipping.carrier.CarrierException;
import dev.orderflow.shipping.carrier.CarrierProperties;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
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
class ShipmentProcessor implements SmartLifecycle, CompensationRetry {

    /** Published inside a transaction that made a call due; wakes the processor once it commits. */
    record WorkDue() {}

    private static final Logger log = LoggerFactory.getLogger(ShipmentProcessor.class);

    private final ShippingService shipping;
    private final Carrier carrier;
    private final ProcessingProperties properties;
    private final BlockingQueue<WorkDue> wakeUps = new ArrayBlockingQueue<>(1);
    private volatile @Nullable Thread worker;

    ShipmentProcessor(
            ShippingService shipping,
            Carrier carrier,
            ProcessingProperties properties,
            CarrierProperties carrierProperties) {
        Duration longestCall = carrierProperties.connectTimeout().plus(carrierProperties.readTimeout());
        if (properties.claimTimeout().compareTo(longestCall) <= 0) {
            // Otherwise a slow call would be taken again while it is still running.
            throw new IllegalStateException("orderflow.shipping.processing.claim-timeout must exceed the carrier's"
                    + " connect and read timeouts together (" + longestCall + ")");
        }
        this.shipping = shipping;
        this.carrier = carrier;
        this.properties = properties;
    }

    @TransactionalEventListener
    void onWorkDue(WorkDue due) {
        wakeUps.offer(due);
    }

    @Override
    public void retryNow(UUID orderId, String action) {
        if (!ShippingService.CANCEL_BOOKING.equals(action)) {
            throw new IllegalArgumentException(
                    "shipping-service compensates by " + ShippingService.CANCEL_BOOKING + " only");
        }
        shipping.claimCancellation(orderId).ifPresent(this::drive);
    }

    @Override
    public synchronized void start() {
        if (worker == null) {
            // Assigned before it starts: run() keeps going only while it is the current worker.
            Thread thread =
                    Thread.ofPlatform().name("shipment-processor").daemon().unstarted(this::run);
            worker = thread;
            thread.start();
        }
    }

    @Override
    public synchronized void stop() {
        Thread running = worker;
        worker = null;
        if (running != null) {
            running.interrupt();
            try {
                running.join(properties.claimTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    private void run() {
        while (worker == Thread.currentThread()) {
            int taken = 0;
            try {
                taken = processDue();
            } catch (RuntimeException e) {
                log.warn("Could not take due shipments, trying again shortly: {}", e.toString());
            }
            if (taken < properties.batchSize()) {
                try {
                    wakeUps.poll(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Takes one batch of due calls and makes them concurrently; returns how many it took. */
    private int processDue() {
        List<Shipment> due = shipping.claimDue(properties.batchSize());
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            due.forEach(shipment -> calls.execute(() -> drive(shipment)));
        }
        return due.size();
    }

    /** One call and its result transaction. A failure to record anything leaves the lease to run out. */
    private void drive(Shipment shipment) {
        UUID orderId = shipment.orderId();
        Call call = shipment.dueCall();
        try (MDC.MDCCloseable o = MDC.putCloseable("orderId", orderId.toString());
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
                } catch (CarrierException e) {
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
