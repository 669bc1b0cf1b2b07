package dev.orderflow.messaging.outbox;

import com.zaxxer.hikari.HikariDataSource;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.tracing.TraceContextPropagation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Relays a test starts itself (the context's own relay is off), each with its own database connections, template and
 * settings; {@link #close()} stops them and frees the relay lease for the next test.
 */
final class Relays implements AutoCloseable {

    private final DataSource dataSource;
    private final KafkaTemplate<String, byte[]> template;
    private final TraceContextPropagation tracing;
    private final MessagingProperties.Relay settings;
    private final List<OutboxRelay> started = new ArrayList<>();

    Relays(
            DataSource dataSource,
            KafkaTemplate<String, byte[]> template,
            TraceContextPropagation tracing,
            MessagingProperties.Relay settings) {
        this.dataSource = dataSource;
        this.template = template;
        this.tracing = tracing;
        this.settings = settings;
    }

    /** The settings of the context with another lease. */
    MessagingProperties.Relay settings(Duration lease) {
        MessagingProperties.Relay s = settings;
        return new MessagingProperties.Relay(
                s.enabled(),
                s.batchSize(),
                s.pollInterval(),
                s.listenNotify(),
                s.backoffInitial(),
                s.backoffMax(),
                s.sendTimeout(),
                s.metricsInterval(),
                lease);
    }

    MessagingProperties.Relay settings() {
        return settings;
    }

    OutboxRelay start(String name) {
        return start(name, dataSource, template, settings);
    }

    OutboxRelay start(
            String name, DataSource database, KafkaTemplate<String, byte[]> kafka, MessagingProperties.Relay s) {
        return start(name, database, kafka, s, new RelayMetrics(new SimpleMeterRegistry()));
    }

    OutboxRelay start(
            String name,
            DataSource database,
            KafkaTemplate<String, byte[]> kafka,
            MessagingProperties.Relay s,
            RelayMetrics metrics) {
        OutboxRelay relay = new OutboxRelay(
                name,
                database,
                new RelaySignal(),
                new OutboxPublisher(kafka, tracing, s.sendTimeout()),
                metrics,
                s,
                Clock.systemUTC());
        started.add(relay);
        relay.start();
        return relay;
    }

    OutboxPublisher publisher() {
        return new OutboxPublisher(template, tracing, settings.sendTimeout());
    }

    /** A template over the context's producer factory that records and can fail or hold sends. */
    RecordingKafkaTemplate recordingTemplate() {
        return new RecordingKafkaTemplate(template.getProducerFactory());
    }

    /** A pool of its own on the test's database, reached at another address (a fault proxy's). */
    HikariDataSource poolAt(String host, int port) {
        try {
            HikariDataSource context = dataSource.unwrap(HikariDataSource.class);
            String url = context.getJdbcUrl();
            String database = url.substring(url.lastIndexOf('/') + 1);
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl("jdbc:postgresql://%s:%d/%s".formatted(host, port, database));
            pool.setUsername(context.getUsername());
            pool.setPassword(context.getPassword());
            pool.setMaximumPoolSize(4);
            pool.setConnectionTimeout(2_000);
            return pool;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        started.forEach(OutboxRelay::stop);
        // A relay cut off from the database could not end its lease: free it rather than wait for it to run out.
        JdbcClient.create(dataSource)
                .sql("update outbox_relay_lease set expires_at = '-infinity'")
                .update();
    }
}
