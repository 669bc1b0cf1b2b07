package dev.orderflow.messaging.outbox;

import static dev.orderflow.messaging.support.MessagingTestKit.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.support.MessagingIntegrationTest;
import dev.orderflow.messaging.support.MessagingTestKit;
import dev.orderflow.messaging.tracing.TraceContextPropagation;
import dev.orderflow.testsupport.DedicatedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The active relay while Kafka is down, on a broker of this test's own that never starts (the shared one is never
 * touched). The context runs no relay, so every commit notifies, as a commit of another replica does.
 */
@MessagingIntegrationTest
@TestPropertySource(properties = {"orderflow.messaging.relay.enabled=false", "orderflow.messaging.topics.create=false"})
class OutboxNotificationsTests {

    private static final DedicatedKafka KAFKA = DedicatedKafka.onFreePort();
    private static final int COMMITS = 500;
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The payload of a writer's notification ({@link JdbcOutbox}). */
    private static final String COMMIT = "";

    private static final String PROBE = "probe";

    private final MessagingTestKit kit;
    private final DataSource dataSource;
    private final Relays relays;

    OutboxNotificationsTests(
            MessagingTestKit kit,
            DataSource dataSource,
            KafkaTemplate<String, byte[]> orderflowKafkaTemplate,
            TraceContextPropagation tracing,
            MessagingProperties properties) {
        this.kit = kit;
        this.dataSource = dataSource;
        this.relays = new Relays(dataSource, orderflowKafkaTemplate, tracing, properties.relay());
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
    }

    @AfterEach
    void stopRelays() {
        relays.close();
    }

    @AfterAll
    static void stopKafka() {
        KAFKA.close();
    }

    @Test
    void whileKafkaIsDownEveryCommitNotificationIsTakenFromTheDriverAsItArrives() {
        NotificationCountingDataSource database = new NotificationCountingDataSource(dataSource);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OutboxRelay relay = relays.start(
                "relay", database, relays.recordingTemplate(), relays.settings(), new RelayMetrics(registry));
        await().atMost(WAIT).until(relay::isLeader);
        // Listening once a notification of the test's own gets through.
        await().atMost(WAIT).until(() -> {
            JdbcClient.create(dataSource)
                    .sql("select pg_notify('" + RelayConnection.CHANNEL + "', '" + PROBE + "')")
                    .query()
                    .singleRow();
            return database.taken(PROBE) > 0;
        });
        // The leader has rows it cannot publish: it never sees an empty fetch again.
        kit.publish(orderPlaced(UUID.randomUUID(), "before-the-commits"));
        await().atMost(WAIT).until(() -> database.taken(COMMIT) == 1);
        await().atMost(WAIT)
                .until(() ->
                        registry.counter("orderflow.outbox.publish.failures").count() > 0);

        for (int i = 0; i < COMMITS; i++) {
            kit.publish(orderPlaced(UUID.randomUUID(), "while-kafka-is-down"));
        }

        // Each commit's notification is taken from the driver while the leader keeps failing: none is left pending.
        await().atMost(WAIT).until(() -> database.taken(COMMIT) == 1 + COMMITS);
        assertThat(KAFKA.isRunning()).isFalse();
        assertThat(relay.isLeader()).isTrue();
        assertThat(registry.counter("orderflow.outbox.published").count()).isZero();
        assertThat(kit.unpublishedRows()).isEqualTo(1 + COMMITS);
    }
}
