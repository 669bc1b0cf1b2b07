package dev.orderflow.order.web;

import dev.orderflow.order.OrderProperties;
import dev.orderflow.web.limits.TooManyRequestsException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Guards the database behind order placement (a resilience4j bulkhead, {@code order-intake}): at most
 * {@code orderflow.orders.intake.max-concurrent} orders are placed at once, so a burst never exhausts the connection
 * pool; a request that cannot get its turn within {@code max-wait} is answered 429 with Retry-After instead of timing
 * out or failing with a 5xx. The API-wide limits are common-web's load shedding ({@code orderflow.api.*}), which
 * counts in the same metric.
 */
@Component
class IntakeLimiter {

    static final String SHED_METRIC = "orderflow.orders.shed";
    static final String BULKHEAD = "order-intake";

    private final Bulkhead placements;
    private final Counter shed;

    IntakeLimiter(OrderProperties properties, BulkheadRegistry bulkheads, MeterRegistry meters) {
        this.placements = bulkheads.bulkhead(
                BULKHEAD,
                BulkheadConfig.custom()
                        .maxConcurrentCalls(properties.intake().maxConcurrent())
                        .maxWaitDuration(properties.intake().maxWait())
                        .fairCallHandlingStrategyEnabled(true)
                        .build());
        this.shed = meters.counter(SHED_METRIC, "reason", "intake");
    }

    <T> T admit(Supplier<T> work) {
        if (!placements.tryAcquirePermission()) {
            shed.increment();
            throw new TooManyRequestsException(
                    "Too many orders are being placed right now; retry shortly", Duration.ofSeconds(1));
        }
        try {
            return work.get();
        } finally {
            placements.onComplete();
        }
    }
}
