package dev.orderflow.bench.relay;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.messaging.Causation;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.messaging.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service under test as the phases drive it: its outbox in a transaction per event, its relay, its database and
 * the broker, taken from the running context so every phase uses exactly what a service would.
 */
final class OutboxBench {

    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final OutboxRelay relay;
    private final MeterRegistry registry;
    private final MessagingProperties properties;
    private final BenchKafka kafka;

    OutboxBench(ApplicationContext context) {
        this.outbox = context.getBean(Outbox.class);
        this.transactions = context.getBean(TransactionTemplate.class);
        this.jdbc = context.getBean(JdbcClient.class);
        this.relay = context.getBean(OutboxRelay.class);
        this.registry = context.getBean(MeterRegistry.class);
        this.properties = context.getBean(MessagingProperties.class);
        this.kafka = new BenchKafka(context);
    }

    /** One event in a transaction of its own, as a service writes it; returns once committed. */
    EventEnvelope publishOne() {
        return Objects.requireNonNull(
                transactions.execute(status -> outbox.publish(SampleEvents.orderPlaced(), Causation.newSaga())));
    }

    void inTransaction(Runnable work) {
        transactions.executeWithoutResult(status -> work.run());
    }

    void publishInOneTransaction(int events) {
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < events; i++) {
                outbox.publish(SampleEvents.orderPlaced(), Causation.newSaga());
            }
        });
    }

    long unpublished() {
        return jdbc.sql("select count(*) from outbox_event where published_at is null")
                .query(Long.class)
                .single();
    }

    /** The relay's own count of published events: cheap enough to read every few milliseconds. */
    double publishedByRelay() {
        return registry.get("orderflow.outbox.published").counter().count();
    }

    void clearOutbox() {
        jdbc.sql("truncate outbox_event").update();
    }

    /** Hint bits set and statistics fresh, as autovacuum leaves a table whose backlog built up over minutes. */
    void vacuumOutbox() {
        jdbc.sql("vacuum analyze outbox_event").update();
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    String databaseSetting(String sql) {
        return jdbc.sql(sql).query(String.class).single();
    }

    /** The embedded server's postmaster: the parent of this connection's backend. */
    long postmasterPid() {
        long backend = jdbc.sql("select pg_backend_pid()").query(Long.class).single();
        return ProcessHandle.of(backend)
                .flatMap(ProcessHandle::parent)
                .map(ProcessHandle::pid)
                .orElse(-1L);
    }

    OutboxRelay relay() {
        return relay;
    }

    MessagingProperties.Relay relaySettings() {
        return properties.relay();
    }

    /** Waits, up to {@code timeout}, until the relay has published everything; returns what is left. */
    long awaitEmptyOutbox(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long left = unpublished();
        while (left > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            left = unpublished();
        }
        return left;
    }

    String ordersTopic() {
        return properties.topicNames().orders();
    }

    String topicName(String baseName) {
        return properties.topicNames().name(baseName);
    }

    BenchKafka kafka() {
        return kafka;
    }
}
