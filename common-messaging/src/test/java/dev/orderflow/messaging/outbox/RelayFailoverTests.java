package dev.orderflow.messaging.outbox;

import static dev.orderflow.messaging.support.MessagingTestKit.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.support.MessagingIntegrationTest;
import dev.orderflow.messaging.support.MessagingTestKit;
import dev.orderflow.messaging.tracing.TraceContextPropagation;
import dev.orderflow.testsupport.SharedPostgres;
import dev.orderflow.testsupport.TcpFaultProxy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A leader that loses its route to the database without a reset: its connections go silent (a black-hole fault proxy)
 * while the server keeps its session, and Kafka stays reachable.
 */
@MessagingIntegrationTest
@TestPropertySource(properties = "orderflow.messaging.relay.enabled=false")
class RelayFailoverTests {

    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final TcpFaultProxy PROXY = TcpFaultProxy.start(SharedPostgres.host(), SharedPostgres.port());

    private final MessagingTestKit kit;
    private final DataSource dataSource;
    private final Relays relays;

    RelayFailoverTests(
            MessagingTestKit kit,
            DataSource dataSource,
            KafkaTemplate<String, byte[]> orderflowKafkaTemplate,
            TraceContextPropagation tracing,
            MessagingProperties properties) {
        this.kit = kit;
        this.dataSource = dataSource;
        this.relays = new Relays(dataSource, orderflowKafkaTemplate, tracing, properties.relay());
    }

    @AfterEach
    void stopRelays() {
        relays.close();
        PROXY.restore();
    }

    @AfterAll
    static void closeProxy() {
        PROXY.close();
    }

    @Test
    void aLeaderCutOffFromItsDatabaseIsReplacedWithinItsLeaseAndSendsNothingAfterIt() {
        MessagingProperties.Relay settings = relays.settings(LEASE);
        RecordingKafkaTemplate cutOffKafka = relays.recordingTemplate();
        SimpleMeterRegistry cutOffMeters = new SimpleMeterRegistry();
        try (HikariDataSource throughProxy = relays.poolAt(PROXY.host(), PROXY.port())) {
            OutboxRelay cutOff =
                    relays.start("cut-off", throughProxy, cutOffKafka, settings, new RelayMetrics(cutOffMeters));
            await().atMost(WAIT).until(cutOff::isLeader);
            OutboxRelay standby = relays.start("standby", dataSource, relays.recordingTemplate(), settings);

            // The leader fetches five events and waits in its first send, as a producer waiting for buffer space.
            cutOffKafka.holdNextSend();
            List<String> events = IntStream.range(0, 5)
                    .mapToObj(i -> kit.publish(orderPlaced(UUID.randomUUID(), "cut-off-" + i))
                            .id()
                            .toString())
                    .toList();
            await().atMost(WAIT).until(cutOffKafka::isHoldingASend);
            // Rows other tests of this context left may have gone out before.
            int givenBefore = cutOffKafka.given().size();
            int awaitedBefore = cutOffKafka.acknowledgementsAwaited();

            PROXY.blackHole();

            await().atMost(LEASE.plusSeconds(10)).until(standby::isLeader);
            assertThat(cutOff.isLeader()).as("the cut-off leader's own view").isFalse();

            cutOffKafka.releaseHeldSend();
            // Done sending once it gives up leading, or waits for acknowledgements of all it would send.
            await().atMost(WAIT)
                    .until(() -> cutOffMeters
                                            .counter("orderflow.outbox.relay.leadership.lost")
                                            .count()
                                    > 0
                            || cutOffKafka.acknowledgementsAwaited() > awaitedBefore);
            assertThat(cutOffKafka.given())
                    .as("after its lease ran out, only the send it was already in")
                    .hasSize(givenBefore + 1);

            await().atMost(WAIT).until(() -> remaining(events) == 0);
            List<String> onTopic = kit.readTopic(kit.topics().orders()).stream()
                    .map(r -> new String(r.headers().lastHeader("ce_id").value()))
                    .toList();
            assertThat(onTopic).containsAll(events);
        }
    }

    private long remaining(List<String> eventIds) {
        return JdbcClient.create(dataSource)
                .sql("select count(*) from outbox_event where event_id::text = any (?)")
                .param(eventIds.toArray(String[]::new))
                .query(Long.class)
                .single();
    }
}
