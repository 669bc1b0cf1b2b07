package dev.orderflow.bench.relay;

import dev.orderflow.events.EventJson;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.order.OrderPlaced;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The write side's ceiling: how many one-event transactions PostgreSQL commits per second from a few connections. The
 * relay can never need to publish faster than writers can commit, so this is the rate it has to keep up with.
 */
public final class CommitRateBaseline {

    private static final Logger log = LoggerFactory.getLogger(CommitRateBaseline.class);

    /**
     * A table shaped like the outbox, indexes included, without its NOTIFY trigger: the difference between the two
     * rates is what the trigger (PostgreSQL serialises notifying commits) costs the writers.
     */
    static final String PLAIN_TABLE = "bench_outbox_plain";

    public record Result(String label, int threads, long commits, Duration measured, MachineLoad cpu) {

        public double perSecond() {
            return Rates.perSecond(commits, measured);
        }
    }

    private CommitRateBaseline() {}

    /** Runs {@code transaction} back to back on {@code threads} threads; counts commits after a warm-up. */
    public static Result run(String label, int threads, Duration duration, Runnable transaction)
            throws InterruptedException {
        LongAdder commits = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(pool.submit(() -> {
                while (!stop.get()) {
                    transaction.run();
                    commits.increment();
                }
            }));
        }
        try {
            Thread.sleep(BenchSettings.WARMUP);
            log.info("Measuring commits for {}: {}", duration, label);
            long before = commits.sum();
            MachineLoad.Snapshot cpu = MachineLoad.snapshot();
            long start = System.nanoTime();
            Thread.sleep(duration);
            long measured = commits.sum() - before;
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new Result(label, threads, measured, elapsed, cpu.until(MachineLoad.snapshot()));
        } finally {
            stop.set(true);
            pool.shutdown();
            for (Future<?> worker : workers) {
                awaitCleanly(worker);
            }
        }
    }

    static void createPlainTable(JdbcClient jdbc) {
        jdbc.sql("create table if not exists " + PLAIN_TABLE + " (like outbox_event including all)")
                .update();
    }

    /** The row JdbcOutbox writes, with the same values; the caller gives it a transaction like the outbox's. */
    static void insertPlainRow(JdbcClient jdbc, String topic) {
        OrderPlaced event = SampleEvents.orderPlaced();
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into " + PLAIN_TABLE
                        + " (event_id, topic, message_key, event_type, source, correlation_id, causation_id, payload,"
                        + " created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        id,
                        topic,
                        event.orderId().toString(),
                        EventTypes.ORDER_PLACED.name(),
                        EventTypes.ORDER_PLACED.producer().source(),
                        id,
                        id,
                        EventJson.writeString(event),
                        Timestamp.from(Instant.now()))
                .update();
    }

    private static void awaitCleanly(Future<?> worker) throws InterruptedException {
        try {
            worker.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("A commit-rate writer failed", e.getCause());
        }
    }
}
