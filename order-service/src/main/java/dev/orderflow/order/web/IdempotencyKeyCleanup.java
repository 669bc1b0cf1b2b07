package dev.orderflow.order.web;

import dev.orderflow.order.OrderProperties;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Deletes expired idempotency keys in small batches, so clean-up never holds long locks. */
@Configuration(proxyBeanMethods = false)
class IdempotencyKeyCleanup implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);

    private final IdempotencyKeys keys;
    private final OrderProperties.Job settings;
    private final Clock clock;

    IdempotencyKeyCleanup(IdempotencyKeys keys, OrderProperties properties, Clock clock) {
        this.keys = keys;
        this.settings = properties.idempotencyCleanup();
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (settings.enabled()) {
            registrar.addFixedDelayTask(this::runSafely, settings.interval());
        }
    }

    /** One run: batches until fewer than a batch is left or the run's budget is spent. */
    int run() {
        int deleted = 0;
        for (int batch = 0; batch < settings.maxBatches(); batch++) {
            int count = keys.deleteExpired(clock.instant(), settings.batchSize());
            deleted += count;
            if (count < settings.batchSize()) {
                break;
            }
        }
        if (deleted > 0) {
            log.info("Deleted {} expired idempotency keys", deleted);
        }
        return deleted;
    }

    private void runSafely() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("Idempotency key clean-up failed, retrying in {}: {}", settings.interval(), e.toString());
        }
    }
}
