package dev.orderflow.messaging.outbox;

import static dev.orderflow.messaging.support.MessagingTestKit.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.support.MessagingIntegrationTest;
import dev.orderflow.messaging.support.MessagingTestKit;
import dev.orderflow.messaging.tracing.TraceContextPropagation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The relay lease and its fence, on sessions driven by hand: the database's clock is moved on by ending a lease in the
 * table, so nothing waits for one to run out.
 */
@MessagingIntegrationTest
@TestPropertySource(properties = "orderflow.messaging.relay.enabled=false")
class RelayLeadershipTests {

    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final MessagingTestKit kit;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Relays relays;

    RelayLeadershipTests(
            MessagingTestKit kit,
            DataSource dataSource,
            KafkaTemplate<String, byte[]> orderflowKafkaTemplate,
            TraceContextPropagation tracing,
            MessagingProperties properties) {
        this.kit = kit;
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.relays = new Relays(dataSource, orderflowKafkaTemplate, tracing, properties.relay());
    }

    @AfterEach
    void freeTheLease() {
        relays.close();
    }

    @Test
    void aStandbyTakesTheLeaseOverOnlyOnceItHasRunOut() throws SQLException {
        try (RelayConnection leader = new RelayConnection(dataSource, LEASE);
                RelayConnection standby = new RelayConnection(dataSource, LEASE)) {
            RelayLease first = leader.tryLead("leader", LEASE);
            assertThat(first).isNotNull();
            assertThat(standby.tryLead("standby", LEASE)).isNull();

            runOut();

            RelayLease second = standby.tryLead("standby", LEASE);
            assertThat(second).isNotNull();
            assertThat(second.epoch()).isEqualTo(first.epoch() + 1);
            assertThat(holder()).isEqualTo("standby");
        }
    }

    @Test
    void aFormerLeaderCanNeitherRenewNorDeleteRows() throws SQLException {
        List<Long> ids = commitRows(3);
        try (RelayConnection former = new RelayConnection(dataSource, LEASE);
                RelayConnection successor = new RelayConnection(dataSource, LEASE)) {
            RelayLease old = former.tryLead("former", LEASE);
            runOut();
            RelayLease current = successor.tryLead("successor", LEASE);
            assertThat(current).isNotNull();

            assertThat(former.deletePublished(old, ids)).isFalse();
            assertThat(former.renew(old, LEASE)).isNull();
            assertThat(remaining(ids)).isEqualTo(3);

            assertThat(successor.deletePublished(current, ids)).isTrue();
            assertThat(remaining(ids)).isZero();
        }
    }

    @Test
    void aLeaderWhoseLeaseRanOutDeletesNothingEvenWithNobodyLeading() throws SQLException {
        List<Long> ids = commitRows(2);
        try (RelayConnection leader = new RelayConnection(dataSource, LEASE)) {
            RelayLease lease = leader.tryLead("leader", LEASE);

            runOut();

            assertThat(leader.deletePublished(lease, ids)).isFalse();
            assertThat(leader.renew(lease, LEASE)).isNull();
            assertThat(remaining(ids)).isEqualTo(2);
        }
    }

    @Test
    void aDeleteRacingATakeOverWaitsForItAndDeletesNothing() throws Exception {
        List<Long> ids = commitRows(2);
        try (RelayConnection leader = new RelayConnection(dataSource, LEASE);
                Connection usurper = dataSource.getConnection()) {
            RelayLease lease = leader.tryLead("leader", LEASE);
            usurper.setAutoCommit(false);
            try (Statement statement = usurper.createStatement()) {
                statement.executeUpdate("update outbox_relay_lease set epoch = epoch + 1, holder = 'usurper',"
                        + " expires_at = now() + interval '1 minute' where relay = 'outbox'");
            }

            CompletableFuture<Boolean> delete = CompletableFuture.supplyAsync(() -> {
                try {
                    return leader.deletePublished(lease, ids);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(WAIT).until(() -> sessionsWaitingForALock() == 1);
            usurper.commit();

            assertThat(delete.get()).isFalse();
            assertThat(remaining(ids)).isEqualTo(2);
        }
    }

    @Test
    void aSessionThatCannotWriteCanNeverTakeTheLease() throws SQLException {
        try (RelayConnection readOnly = new RelayConnection(readOnlyDatabase(), LEASE)) {
            assertThat(readOnly.isReadOnly()).isTrue();
            assertThatExceptionOfType(SQLException.class)
                    .isThrownBy(() -> readOnly.tryLead("read-only", LEASE))
                    .satisfies(e -> assertThat(e.getSQLState()).isEqualTo("25006"));
        }
        try (RelayConnection writable = new RelayConnection(dataSource, LEASE)) {
            assertThat(writable.isReadOnly()).isFalse();
        }
    }

    /**
     * A read-only session stands in for a standby (where every session is read-only and {@code pg_is_in_recovery()} is
     * true): embedded PostgreSQL runs no replica.
     */
    @Test
    void aRelayOnAReadOnlySessionNeverLeadsAndSendsNothing() {
        UUID orderId = UUID.randomUUID();
        kit.publishAll(List.of(orderPlaced(orderId, "read-only")));
        RecordingKafkaTemplate kafka = relays.recordingTemplate();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RelayMetrics metrics = new RelayMetrics(registry);
        long epoch = epoch();

        OutboxRelay relay = relays.start("on-a-standby", readOnlyDatabase(), kafka, relays.settings(), metrics);

        await().atMost(WAIT)
                .until(() -> registry.counter("orderflow.outbox.relay.read.only.sessions")
                                .count()
                        >= 3);
        assertThat(relay.isLeader()).isFalse();
        assertThat(kafka.given()).isEmpty();
        assertThat(epoch()).isEqualTo(epoch);
        assertThat(kit.records(kit.topics().orders(), orderId)).isEmpty();
    }

    /** The test's database with every transaction read-only, as on a standby. */
    private DataSource readOnlyDatabase() {
        try {
            HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
            Properties properties = new Properties();
            properties.setProperty("user", pool.getUsername());
            properties.setProperty("password", pool.getPassword());
            properties.setProperty("options", "-c default_transaction_read_only=on");
            return new SimpleDriverDataSource(new Driver(), pool.getJdbcUrl(), properties);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Long> commitRows(int count) {
        UUID orderId = UUID.randomUUID();
        kit.publishAll(IntStream.range(0, count)
                .mapToObj(i -> orderPlaced(orderId, "fence-" + i))
                .toList());
        return jdbc.sql("select id from outbox_event where message_key = ? order by id")
                .param(orderId.toString())
                .query(Long.class)
                .list();
    }

    private long remaining(List<Long> ids) {
        return jdbc.sql("select count(*) from outbox_event where id = any (?)")
                .param(ids.toArray(Long[]::new))
                .query(Long.class)
                .single();
    }

    /** The database's clock passes the lease's end. */
    private void runOut() {
        jdbc.sql("update outbox_relay_lease set expires_at = now() - interval '1 second'")
                .update();
    }

    private String holder() {
        return jdbc.sql("select holder from outbox_relay_lease")
                .query(String.class)
                .single();
    }

    private long epoch() {
        return jdbc.sql("select epoch from outbox_relay_lease")
                .query(Long.class)
                .single();
    }

    private long sessionsWaitingForALock() {
        return jdbc.sql("select count(*) from pg_stat_activity where datname = current_database()"
                        + " and wait_event_type = 'Lock'")
                .query(Long.class)
                .single();
    }
}
