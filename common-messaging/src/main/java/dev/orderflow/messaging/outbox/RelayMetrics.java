package dev.orderflow.messaging.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Relay throughput, failures, commit-to-publish latency, whether this replica is the active publisher, how often it
 * stopped leading, and how often it found itself on a read-only session.
 */
public final class RelayMetrics {

    private final Counter published;
    private final Counter failures;
    private final Timer latency;
    private final Counter readOnlySessions;
    private final Counter leadershipLost;
    private final AtomicReference<BooleanSupplier> leader = new AtomicReference<>(() -> false);

    public RelayMetrics(MeterRegistry registry) {
        this.published = Counter.builder("orderflow.outbox.published")
                .description("Outbox events published to Kafka")
                .register(registry);
        this.failures = Counter.builder("orderflow.outbox.publish.failures")
                .description("Relay batches that failed to publish and were retried")
                .register(registry);
        this.latency = Timer.builder("orderflow.outbox.publish.latency")
                .description("Time from writing an outbox row to its acknowledgement by Kafka")
                .publishPercentileHistogram()
                .register(registry);
        this.readOnlySessions = Counter.builder("orderflow.outbox.relay.read.only.sessions")
                .description("Times the relay did not try to lead because its session was read-only (a standby)")
                .register(registry);
        this.leadershipLost = Counter.builder("orderflow.outbox.relay.leadership.lost")
                .description("Times the relay stopped leading while running: its lease ran out or its session broke")
                .register(registry);
        // Read when scraped: a leader whose lease ran out shows 0 even while its thread waits on a dead connection.
        Gauge.builder("orderflow.outbox.relay.leader", leader, l -> l.get().getAsBoolean() ? 1 : 0)
                .description("1 when this replica's relay is the active publisher")
                .register(registry);
    }

    void published(List<OutboxRow> rows, Instant now) {
        published.increment(rows.size());
        for (OutboxRow row : rows) {
            latency.record(Duration.between(row.envelope().time(), now));
        }
    }

    void failed() {
        failures.increment();
    }

    void readOnlySession() {
        readOnlySessions.increment();
    }

    void leadershipLost() {
        leadershipLost.increment();
    }

    void leaderOf(BooleanSupplier isLeader) {
        leader.set(isLeader);
    }
}
