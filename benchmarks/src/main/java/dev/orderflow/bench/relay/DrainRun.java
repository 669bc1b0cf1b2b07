package dev.orderflow.bench.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backlog written while the relay is stopped (as after a Kafka outage), then drained by the relay alone: its
 * sustained publishing rate, free of any pacing by writers.
 */
final class DrainRun {

    private static final Logger log = LoggerFactory.getLogger(DrainRun.class);

    /** Events per setup transaction: setup speed only, the relay reads rows the same however they were grouped. */
    private static final int SETUP_TRANSACTION = 1_000;

    /** The database is asked for the backlog this often; the relay's counter, read every few ms, times the finish. */
    private static final Duration COUNT_INTERVAL = Duration.ofSeconds(1);

    private static final long PROGRESS_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    record Result(
            int backlog,
            Duration setup,
            Duration elapsed,
            long remaining,
            Duration firstHalf,
            Duration secondHalf,
            long recordsOnTopic,
            Map<String, Double> relayTime,
            MachineLoad cpu) {

        double perSecond() {
            return Rates.perSecond(backlog - remaining, elapsed);
        }
    }

    private final OutboxBench bench;

    DrainRun(OutboxBench bench) {
        this.bench = bench;
    }

    Result run(int backlog, int setupThreads, Duration timeout) throws InterruptedException {
        bench.relay().stop();
        bench.clearOutbox();
        Duration setup = writeBacklog(backlog, setupThreads);
        bench.vacuumOutbox();
        long recordsBefore = bench.kafka().recordsOn(bench.ordersTopic());
        double publishedBefore = bench.publishedByRelay();
        log.info("Backlog of {} events written in {}; starting the relay", backlog, setup);

        MachineLoad.Snapshot cpu = MachineLoad.snapshot();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long halfway = 0;
        long nextCount = start + COUNT_INTERVAL.toNanos();
        long remaining = backlog;
        bench.relay().start();
        RelayThreadSampler sampler = RelayThreadSampler.start().orElseThrow();
        while (remaining > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(PROGRESS_POLL_NANOS);
            double published = bench.publishedByRelay() - publishedBefore;
            if (halfway == 0 && published >= backlog / 2.0) {
                halfway = System.nanoTime();
            }
            // The counter moves after each batch's mark-published commit; the database has the final word.
            if (published >= backlog || System.nanoTime() >= nextCount) {
                remaining = bench.unpublished();
                nextCount = System.nanoTime() + COUNT_INTERVAL.toNanos();
                log.debug("Drain: {} events left", remaining);
            }
        }
        long end = System.nanoTime();
        MachineLoad usage = cpu.until(MachineLoad.snapshot());
        Map<String, Double> relayTime = sampler.shares();
        if (remaining > 0) {
            log.warn("The relay left {} of {} events after {}", remaining, backlog, timeout);
        }
        long recordsAfter = bench.kafka().recordsOn(bench.ordersTopic());
        long middle = halfway == 0 ? end : halfway;
        return new Result(
                backlog,
                setup,
                Duration.ofNanos(end - start),
                remaining,
                Duration.ofNanos(middle - start),
                Duration.ofNanos(end - middle),
                recordsAfter - recordsBefore,
                relayTime,
                usage);
    }

    private Duration writeBacklog(int backlog, int threads) throws InterruptedException {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> transactions = new ArrayList<>();
        for (int written = 0; written < backlog; written += SETUP_TRANSACTION) {
            int events = Math.min(SETUP_TRANSACTION, backlog - written);
            transactions.add(pool.submit(() -> bench.publishInOneTransaction(events)));
        }
        pool.shutdown();
        try {
            for (Future<?> transaction : transactions) {
                transaction.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not write the backlog", e.getCause());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
