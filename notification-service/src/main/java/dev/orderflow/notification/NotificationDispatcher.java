package dev.orderflow.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers pending notifications after the transaction that created them committed, at least once. Every replica runs
 * one: it claims a small batch of due rows ({@code for update skip locked}, so replicas never claim the same row),
 * delivers them concurrently outside any transaction and records each result. A failure stays PENDING and is retried
 * with backoff; it never holds up other notifications, and the event consumer never waits for a delivery. A channel
 * whose circuit is open is not claimed from until its circuit lets calls through again.
 */
@Component
class NotificationDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final Notifications notifications;
    private final Channels channels;
    private final TransactionTemplate transactions;
    private final NotificationProperties.Dispatcher settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private volatile @Nullable ScheduledExecutorService executor;

    NotificationDispatcher(
            Notifications notifications,
            Channels channels,
            TransactionTemplate transactions,
            NotificationProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.notifications = notifications;
        this.channels = channels;
        this.transactions = transactions;
        this.settings = properties.dispatcher();
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Delivers what is due now, batch after batch, until a batch comes back short or the per-run limit is reached.
     *
     * @return how many deliveries were attempted
     */
    int dispatchDue() {
        int attempted = 0;
        for (int batch = 0; batch < settings.maxBatchesPerRun(); batch++) {
            List<Notification> claimed = claimBatch();
            // Concurrently, so one slow channel (a webhook timing out) never holds up the others' deliveries.
            try (ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor()) {
                claimed.forEach(n -> deliveries.execute(() -> deliver(n)));
            }
            attempted += claimed.size();
            if (claimed.size() < settings.batchSize()) {
                break;
            }
        }
        return attempted;
    }

    private List<Notification> claimBatch() {
        List<Notification> claimed = transactions.execute(status -> {
            Instant now = clock.instant();
            Set<String> accepting = channels.accepting();
            if (accepting.isEmpty()) {
                return List.<Notification>of();
            }
            List<Notification> due = notifications.lockDue(now, accepting, settings.batchSize());
            List<Notification> mine = due.stream()
                    .map(n -> n.claimed(now, settings.claimTimeout()))
                    .toList();
            mine.forEach(notifications::update);
            return mine;
        });
        return claimed == null ? List.of() : claimed;
    }

    private void deliver(Notification notification) {
        try (MDC.MDCCloseable order =
                MDC.putCloseable("orderId", notification.orderId().toString())) {
            notifications.update(attempt(notification));
        } catch (RuntimeException e) {
            // The result is lost (database trouble): the claim expires and the notification is tried again, same id.
            log.warn("Could not record the result for notification {}: {}", notification.id(), e.getMessage());
        }
    }

    private Notification attempt(Notification notification) {
        try {
            channels.get(notification.channel()).deliver(notification);
        } catch (RuntimeException e) {
            String error = Notification.describe(e.getClass().getSimpleName() + ": " + e.getMessage());
            Notification failed =
                    notification.deliveryFailed(error, clock.instant(), settings.backoffAfter(notification.attempts()));
            count("orderflow.notifications.delivery.failures", notification);
            log.warn(
                    "Delivery {} of notification {} via {} failed, next attempt at {}: {}",
                    notification.attempts(),
                    notification.id(),
                    notification.channel(),
                    failed.nextAttemptAt(),
                    failed.lastError());
            return failed;
        }
        count("orderflow.notifications.sent", notification);
        return notification.sent(clock.instant());
    }

    private void count(String name, Notification notification) {
        Counter.builder(name)
                .tag("channel", notification.channel())
                .tag("outcome", notification.outcome().name())
                .register(meters)
                .increment();
    }

    @Override
    public synchronized void start() {
        if (executor != null || !settings.enabled()) {
            return;
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("notification-dispatcher").daemon().factory());
        long interval = settings.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::dispatchSafely, interval, interval, TimeUnit.MILLISECONDS);
        executor = scheduler;
    }

    private void dispatchSafely() {
        try {
            dispatchDue();
        } catch (RuntimeException e) {
            // The database is unavailable, most likely: the next run tries again.
            log.warn("Could not dispatch notifications: {}", e.getMessage());
        }
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
}
