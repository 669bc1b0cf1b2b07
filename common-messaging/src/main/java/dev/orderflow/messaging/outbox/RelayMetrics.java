package dev.orderflow.messaging.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Relay throughput, failures, commit-to-publish latency and whether this replica is the active publisher. */
public final class RelayMetrics {

    private final Counter published;
    private final Counter failures;
    private final Timer latency;
    private final AtomicInteger leader = new AtomicInteger();

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
        Gauge.builder("orderflow.outbox.relay.leader", leader, AtomicInteger::get)
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

    void leader(boolean isLeader) {
        leader.set(isLeader ? 1 : 0);
    }
}
