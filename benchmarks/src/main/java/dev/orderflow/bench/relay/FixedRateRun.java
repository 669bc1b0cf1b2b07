package dev.orderflow.bench.relay;

import dev.orderflow.events.EventEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steady load with the relay running: one event per transaction, each due at a fixed time (open model, so a slow
 * commit does not push later events back and hide the delay). Latency per event is its commit, as the writer saw it
 * return, to its arrival at a plain consumer: what a downstream service would experience.
 */
final class FixedRateRun {

    private static final Logger log = LoggerFactory.getLogger(FixedRateRun.class);

    /** How long stragglers may take to arrive once writing stops, before they count as missing. */
    private static final Duration RECEIVE_WAIT = Duration.ofSeconds(30);

    /** When a writer saw its commit return: monotonic for the end-to-end figure, wall clock to compare with Kafka's. */
    private record Commit(long nanos, long epochMicros) {}

    /**
     * {@code commitToReceive} is the figure; the two legs split it at the relay's send (the record timestamp, whole
     * milliseconds): {@code commitToSend} is the relay noticing and fetching the row, {@code sendToReceive} is Kafka.
     */
    record Result(
            int targetRate,
            long committed,
            Duration writing,
            Duration maxStartLag,
            long received,
            Latencies commitToReceive,
            Latencies commitToSend,
            Latencies sendToReceive,
            Map<String, Double> relayTime,
            MachineLoad cpu) {

        double achievedRate() {
            return Rates.perSecond(committed, writing);
        }

        long missing() {
            return committed - received;
        }
    }

    private final OutboxBench bench;

    FixedRateRun(OutboxBench bench) {
        this.bench = bench;
    }

    Result run(int rate, Duration duration, int writers) throws InterruptedException {
        bench.relay().start();
        // Left-overs of an earlier phase would be published ahead of this run's events and inflate its latency.
        long left = bench.awaitEmptyOutbox(RECEIVE_WAIT);
        if (left > 0) {
            log.warn("Starting with {} unpublished events from an earlier phase", left);
        }
        long total = duration.toMillis() * rate / 1000;
        Map<UUID, Commit> commits = new ConcurrentHashMap<>((int) Math.min(Integer.MAX_VALUE / 2, total * 2));
        try (TopicReceiver receiver = TopicReceiver.atEndOf(bench.kafka().newConsumer(), bench.ordersTopic());
                RelayThreadSampler sampler = RelayThreadSampler.start().orElseThrow()) {
            log.info("Writing {} events/s for {} on {} writers", rate, duration, writers);
            AtomicLong next = new AtomicLong();
            AtomicLong maxLagNanos = new AtomicLong();
            double intervalNanos = 1e9 / rate;
            MachineLoad.Snapshot cpu = MachineLoad.snapshot();
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                tasks.add(pool.submit(() -> {
                    for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long due = start + (long) (i * intervalNanos);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        } else {
                            maxLagNanos.accumulateAndGet(-wait, Math::max);
                        }
                        EventEnvelope envelope = bench.publishOne();
                        commits.put(envelope.id(), new Commit(System.nanoTime(), TopicReceiver.epochMicros()));
                    }
                }));
            }
            awaitAll(pool, tasks);
            Duration writing = Duration.ofNanos(System.nanoTime() - start);
            MachineLoad usage = cpu.until(MachineLoad.snapshot());

            Map<String, Double> relayTime = sampler.shares();
            long deadline = System.nanoTime() + RECEIVE_WAIT.toNanos();
            while (receiver.received() < commits.size() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            List<long[]> legs = new ArrayList<>(commits.size());
            commits.forEach((id, commit) -> {
                TopicReceiver.Arrival arrival = receiver.arrivalOf(id);
                if (arrival != null) {
                    long sentMicros = arrival.sentEpochMillis() * 1000;
                    // The relay may beat the writer's own clock read after commit: that is no delay at all.
                    legs.add(new long[] {
                        Math.max(0, arrival.nanos() - commit.nanos()) / 1000,
                        Math.max(0, sentMicros - commit.epochMicros()),
                        Math.max(0, arrival.epochMicros() - sentMicros)
                    });
                }
            });
            return new Result(
                    rate,
                    commits.size(),
                    writing,
                    Duration.ofNanos(maxLagNanos.get()),
                    legs.size(),
                    Latencies.of(legs.stream().mapToLong(l -> l[0]).toArray()),
                    Latencies.of(legs.stream().mapToLong(l -> l[1]).toArray()),
                    Latencies.of(legs.stream().mapToLong(l -> l[2]).toArray()),
                    relayTime,
                    usage);
        }
    }

    private static void awaitAll(ExecutorService pool, List<Future<?>> tasks) throws InterruptedException {
        pool.shutdown();
        try {
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (ExecutionException e) {
            pool.shutdownNow();
            throw new IllegalStateException("A fixed-rate writer failed", e.getCause());
        }
    }
}
