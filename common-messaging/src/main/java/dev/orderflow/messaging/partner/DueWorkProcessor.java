package dev.orderflow.messaging.partner;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Drives the partner calls of intent → call → result (ADR 0003): one thread per service takes a batch of due work
 * ({@link #claimDue}, which leases it in the database) and makes each call concurrently on a virtual thread, outside
 * any transaction ({@link #drive}). A commit that makes work due calls {@link #wakeUp()}; polling every
 * {@code pollInterval} covers everything else, so work left behind by a crash or a lease that ran out is taken again.
 *
 * @param <T> one unit of due work, e.g. a payment with its due call
 */
public abstract class DueWorkProcessor<T> implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final Duration pollInterval;
    private final int batchSize;
    private final Duration stopWait;
    private final BlockingQueue<Boolean> wakeUps = new ArrayBlockingQueue<>(1);
    private volatile @Nullable Thread worker;

    /**
     * @param name the worker thread's name
     * @param pollInterval how long it waits for a wake-up before it looks for due work again
     * @param batchSize how much due work it takes at a time
     * @param stopWait how long {@link #stop()} waits for the calls in progress
     */
    protected DueWorkProcessor(String name, Duration pollInterval, int batchSize, Duration stopWait) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        this.stopWait = stopWait;
    }

    /** Leases up to {@code limit} units of due work to this worker. */
    protected abstract List<T> claimDue(int limit);

    /** Makes the call of one unit of work and records its result; never throws. */
    protected abstract void drive(T work);

    /**
     * How much of a batch of {@code batchSize} to take now. A processor whose partner's circuit is open answers 0: the
     * worker then takes nothing, counts no attempt and looks again after {@code pollInterval} (no spinning).
     */
    protected int capacity(int batchSize) {
        return batchSize;
    }

    /** Makes the worker look for due work now; call it after the commit that made work due. */
    public void wakeUp() {
        wakeUps.offer(Boolean.TRUE);
    }

    @Override
    public synchronized void start() {
        if (worker == null) {
            // Assigned before it starts: run() keeps going only while it is the current worker.
            Thread thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
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
                running.join(stopWait.toMillis());
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
                log.warn("Could not take due work, trying again shortly: {}", e.toString());
            }
            if (taken < batchSize) {
                try {
                    wakeUps.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Takes one batch of due work and drives it concurrently; returns how much it took, or 0 with no capacity. */
    private int processDue() {
        int capacity = Math.min(batchSize, capacity(batchSize));
        if (capacity <= 0) {
            return 0;
        }
        List<T> due = claimDue(capacity);
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            due.forEach(work -> calls.execute(() -> drive(work)));
        }
        return due.size();
    }
}
