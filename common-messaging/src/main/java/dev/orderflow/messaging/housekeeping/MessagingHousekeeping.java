package dev.orderflow.messaging.housekeeping;

import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.outbox.OutboxBacklog;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Samples the outbox backlog and runs retention clean-up on one background thread; a failed pass waits for the next. */
public final class MessagingHousekeeping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MessagingHousekeeping.class);

    private final OutboxBacklog backlog;
    private final RetentionCleanup cleanup;
    private final Duration sampleInterval;
    private final Duration cleanupInterval;
    private volatile @Nullable ScheduledExecutorService executor;

    public MessagingHousekeeping(OutboxBacklog backlog, RetentionCleanup cleanup, MessagingProperties properties) {
        this.backlog = backlog;
        this.cleanup = cleanup;
        this.sampleInterval = properties.relay().metricsInterval();
        this.cleanupInterval = properties.retention().cleanupInterval();
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("orderflow-housekeeping").daemon().factory());
        scheduler.scheduleWithFixedDelay(
                () -> safely("sample the outbox backlog", backlog::refresh),
                0,
                sampleInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(
                () -> safely("clean up messaging tables", cleanup::run),
                cleanupInterval.toMillis(),
                cleanupInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        executor = scheduler;
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService scheduler = executor;
        executor = null;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    private static void safely(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("Could not {}: {}", what, e.getMessage());
        }
    }
}
