package dev.orderflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.EventJson;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The upgrade to partner work (V2): notifications the previous version left PENDING become due deliveries of their
 * channel, and that version's dispatcher, still running in a rollout, no longer takes them. Migrated on a schema of its
 * own, from V1 as the previous version left it.
 */
@NotificationIntegrationTest
class PendingAtUpgradeTests {

    private static final Instant CREATED = Instant.parse("2026-11-22T10:00:00Z");

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final EmailChannel email;
    private final WebhookChannel webhook;
    private final String schema = "upgrade_" + UUID.randomUUID().toString().replace("-", "");

    PendingAtUpgradeTests(DataSource dataSource, JdbcClient jdbc, EmailChannel email, WebhookChannel webhook) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.email = email;
        this.webhook = webhook;
    }

    @AfterEach
    void dropSchema() {
        jdbc.sql("drop schema if exists " + schema + " cascade").update();
    }

    @Test
    void pendingNotificationsBecomeDueDeliveriesOfTheirChannelCarryingWhatItNeeds() {
        flyway("classpath:db/messaging", "messaging_schema_history", null).migrate();
        flyway("classpath:db/migration", "flyway_schema_history", "1").migrate();
        Notification attempted = Notification.confirmed(
                UUID.randomUUID(),
                "email",
                "ana@example.com",
                new BigDecimal("42.50"),
                "EUR",
                UUID.randomUUID(),
                CREATED);
        Notification fresh = Notification.cancelled(
                UUID.randomUUID(), "webhook", "bob@example.com", "OUT_OF_STOCK", UUID.randomUUID(), CREATED);
        Notification sent = Notification.confirmed(
                        UUID.randomUUID(), "log", "eve@example.com", BigDecimal.ONE, "EUR", UUID.randomUUID(), CREATED)
                .sent(CREATED);
        insertAsV1(attempted, 2, "Mail server connection failed");
        insertAsV1(fresh, 0, null);
        insertAsV1(sent, 1, null);

        flyway("classpath:db/migration", "flyway_schema_history", null).migrate();

        List<Map<String, Object>> work = jdbc.sql("select * from " + schema + ".partner_work order by action")
                .query()
                .listOfRows();
        assertThat(work).hasSize(2);
        assertMigrated(work.getFirst(), attempted, email.partner().partner(), true);
        assertMigrated(work.getLast(), fresh, webhook.partner().partner(), false);
        assertThat(work.getFirst())
                .containsEntry("attempts", 2)
                .containsEntry("last_error", "Mail server connection failed");
        // The previous version's dispatcher looks for due PENDING rows: it finds none any more.
        assertThat(jdbc.sql("select count(*) from " + schema + ".notification"
                                + " where status = 'PENDING' and next_attempt_at <= now()")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private void assertMigrated(Map<String, Object> work, Notification notification, String partner, boolean inDoubt) {
        assertThat(work)
                .containsEntry("order_id", notification.orderId())
                .containsEntry("action", Channels.action(notification.channel()))
                .containsEntry("partner", partner)
                .containsEntry("idempotency_key", notification.id().toString())
                .containsEntry("status", "DUE")
                .containsEntry("in_doubt", inDoubt)
                .containsEntry("causation_id", notification.eventId());
        Delivery request = EventJson.mapper().readValue(String.valueOf(work.get("request")), Delivery.class);
        assertThat(request).isEqualTo(notification.delivery());
    }

    private void insertAsV1(Notification n, int attempts, String lastError) {
        jdbc.sql("insert into " + schema + """
                        .notification (id, order_id, outcome, channel, recipient, reason, total, currency, status,
                                       attempts, last_error, next_attempt_at, created_at, sent_at, event_id)
                        values (:id, :orderId, :outcome, :channel, :recipient, :reason, :total, :currency, :status,
                                :attempts, :lastError, :createdAt, :createdAt, :sentAt, :eventId)
                        """)
                .param("id", n.id())
                .param("orderId", n.orderId())
                .param("outcome", n.outcome().name())
                .param("channel", n.channel())
                .param("recipient", n.recipient())
                .param("reason", n.reason())
                .param("total", n.total())
                .param("currency", n.currency())
                .param("status", n.status().name())
                .param("attempts", attempts)
                .param("lastError", lastError)
                .param("createdAt", Timestamp.from(n.createdAt()))
                .param("sentAt", n.sentAt() == null ? null : Timestamp.from(n.sentAt()))
                .param("eventId", n.eventId())
                .update();
    }

    private Flyway flyway(String location, String historyTable, String target) {
        var configuration = Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations(location)
                .table(historyTable)
                .baselineOnMigrate(true)
                .baselineVersion("0");
        return (target == null ? configuration : configuration.target(target)).load();
    }
}
