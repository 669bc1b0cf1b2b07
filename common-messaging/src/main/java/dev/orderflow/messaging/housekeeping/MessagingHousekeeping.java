package dev.orderflow.messaging.housekeeping;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Orderflow's periodic housekeeping (outbox backlog, pending dead letters, retention clean-up, consumer lag, Kafka
 * reachability) on a Spring {@link ThreadPoolTaskScheduler} of its own, built by Spring Boot's builder: it never queues
 * behind the application's scheduled work, nor that behind it. A thread per pass, so a pass that waits on an
 * unreachable broker or database holds up no other. A failed pass is logged and waits for the next.
 */
public final class MessagingHousekeeping implements SmartLifecycle {

    /** A pass run every {@code delay} after the previous one ended, the first after {@code initialDelay}. */
    public record Task(String description, Runnable pass, Duration initialDelay, Duration delay) {}

    private static final Logger log = LoggerFactory.getLogger(MessagingHousekeeping.class);

    private final ThreadPoolTaskSchedulerBuilder schedulerBuilder;
    private final List<Task> tasks;
    private volatile @Nullable ThreadPoolTaskScheduler scheduler;

    public MessagingHousekeeping(ThreadPoolTaskSchedulerBuilder schedulerBuilder, List<Task> tasks) {
        this.tasks = List.copyOf(tasks);
        this.schedulerBuilder =
                schedulerBuilder.poolSize(Math.max(1, this.tasks.size())).threadNamePrefix("orderflow-housekeeping-");
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        ThreadPoolTaskScheduler started = schedulerBuilder.build();
        started.setDaemon(true);
        started.initialize();
        Instant now = Instant.now();
        for (Task task : tasks) {
            started.scheduleWithFixedDelay(() -> run(task), now.plus(task.initialDelay()), task.delay());
        }
        scheduler = started;
    }

    @Override
    public synchronized void stop() {
        ThreadPoolTaskScheduler running = scheduler;
        scheduler = null;
        if (running != null) {
            running.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    private static void run(Task task) {
        try {
            task.pass().run();
        } catch (RuntimeException e) {
            log.warn("Could not {}: {}", task.description(), e.getMessage());
        }
    }
}
