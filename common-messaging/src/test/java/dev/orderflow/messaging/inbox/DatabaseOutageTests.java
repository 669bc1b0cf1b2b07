package dev.orderflow.messaging.inbox;

import static dev.orderflow.messaging.support.MessagingTestApplication.GROUP;
import static dev.orderflow.messaging.support.MessagingTestKit.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.EventTypes;
import dev.orderflow.messaging.support.MessagingIntegrationTest;
import dev.orderflow.messaging.support.MessagingTestKit;
import dev.orderflow.testsupport.SharedPostgres;
import dev.orderflow.testsupport.TcpFaultProxy;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The service's database goes away under a consumer, through a fault proxy, or refuses its writes as a demoted primary
 * does; the shared PostgreSQL stays up. (PrimaryOnlyConnectionsTests shows the pool evicting such connections.)
 */
@MessagingIntegrationTest
@TestPropertySource(
        properties = {
            "spring.datasource.hikari.connection-timeout=1000",
            "spring.datasource.hikari.validation-timeout=500"
        })
class DatabaseOutageTests {

    private static final TcpFaultProxy PROXY = TcpFaultProxy.start(SharedPostgres.host(), SharedPostgres.port());

    private final MessagingTestKit kit;

    DatabaseOutageTests(MessagingTestKit kit) {
        this.kit = kit;
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = SharedPostgres.createDatabase("dbfault", PROXY);
        registry.add("spring.datasource.url", () -> url);
    }

    @AfterAll
    static void closeProxy() {
        PROXY.close();
    }

    @Test
    void databaseOutageWhileHandlingIsRetriedUntilItPassesAndNeverDeadLettered() {
        UUID orderId = UUID.randomUUID();
        double transientBefore = kit.counter("orderflow.consumer.failures", "group", GROUP, "kind", "TRANSIENT");

        PROXY.cut();
        try {
            // Sent past the outbox, which cannot write while the database is away.
            EventEnvelope envelope = EventEnvelope.first(EventTypes.ORDER_PLACED, orderId, Instant.now());
            kit.sendRaw(
                    kit.topics().orders(),
                    orderId.toString(),
                    envelope.toHeaders(),
                    EventJson.write(orderPlaced(orderId, "c-db-outage")));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> kit.counter("orderflow.consumer.failures", "group", GROUP, "kind", "TRANSIENT")
                                    - transientBefore
                            >= 2);
        } finally {
            PROXY.restore();
        }

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> kit.appliedCount(GROUP, orderId) == 1);
        assertThat(kit.counter("orderflow.consumer.failures", "group", GROUP, "kind", "UNEXPECTED"))
                .isZero();
        assertThat(kit.counter("orderflow.consumer.dead.lettered", "group", GROUP))
                .isZero();
        assertThat(kit.deadLetterReasons(GROUP, orderId.toString())).isEmpty();
    }

    @Test
    void writesRefusedByAServerTurnedReadOnlyAreRetriedUntilTheyPassAndNeverDeadLettered() {
        UUID orderId = UUID.randomUUID();
        double transientBefore = kit.counter("orderflow.consumer.failures", "group", GROUP, "kind", "TRANSIENT");
        // More attempts than an unexpected failure gets before it is dead-lettered (1 + 2 retries).
        kit.handlers().serverTurnsReadOnly(orderId, 4);

        kit.publish(orderPlaced(orderId, "c-read-only"));

        await().atMost(Duration.ofSeconds(60)).until(() -> kit.appliedCount(GROUP, orderId) == 1);
        assertThat(kit.counter("orderflow.consumer.failures", "group", GROUP, "kind", "TRANSIENT") - transientBefore)
                .as("attempts refused with 25006")
                .isGreaterThanOrEqualTo(4);
        assertThat(kit.counter("orderflow.consumer.failures", "group", GROUP, "kind", "UNEXPECTED"))
                .isZero();
        assertThat(kit.deadLetterReasons(GROUP, orderId.toString())).isEmpty();
    }
}
