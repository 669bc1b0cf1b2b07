package dev.orderflow.order.web;

import dev.orderflow.order.OrderProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Sheds load at the door: at most {@code orderflow.orders.intake.max-concurrent} orders are placed at once, so a burst
 * never exhausts the connection pool; a request that cannot get its turn within {@code max-wait} is answered 429 with
 * Retry-After instead of timing out or failing with a 5xx.
 */
@Component
class IntakeLimiter {

    private final Semaphore permits;
    private final Duration maxWait;
    private final Counter shed;

    IntakeLimiter(OrderProperties properties, MeterRegistry registry) {
        this.permits = new Semaphore(properties.intake().maxConcurrent(), true);
        this.maxWait = properties.intake().maxWait();
        this.shed = Counter.builder("orderflow.orders.shed")
                .description("Order requests refused with 429 because intake was saturated")
                .register(registry);
    }

    /** Intake is saturated: the client should come back later. */
    static final class SaturatedException extends RuntimeException {
        SaturatedException() {
            super("Too many orders are being placed right now; retry shortly");
        }
    }

    <T> T admit(Supplier<T> work) {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            shed.increment();
            throw new SaturatedException();
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
