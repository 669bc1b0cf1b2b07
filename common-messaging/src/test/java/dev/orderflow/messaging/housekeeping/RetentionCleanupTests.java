package dev.orderflow.messaging.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.support.MessagingIntegrationTest;
import dev.orderflow.messaging.support.MessagingTestKit;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@MessagingIntegrationTest
class RetentionCleanupTests {

    /**
     * Inbox rows a busy service writes per second at five times issue 15's 200 orders/s target: order-service applies
     * about four events per order.
     */
    private static final int INBOX_ROWS_PER_SECOND = 5 * 200 * 4;

    private final MessagingTestKit kit;
    private final RetentionCleanup cleanup;
    private final MessagingProperties properties;

    RetentionCleanupTests(MessagingTestKit kit, RetentionCleanup cleanup, MessagingProperties properties) {
        this.kit = kit;
        this.cleanup = cleanup;
        this.properties = properties;
    }

    @Test
    void oneRunDeletesWhatExpiresInOneIntervalAtFiveTimesTheTargetRate() {
        long expiring = properties.retention().cleanupInterval().toSeconds() * INBOX_ROWS_PER_SECOND;
        Instant expired = Instant.now().minus(properties.retention().inbox()).minus(Duration.ofHours(1));
        kit.jdbc()
                .sql("""
                        insert into inbox_event (consumer_group, event_id, event_type, processed_at)
                        select 'retention-capacity', gen_random_uuid(), 'dev.orderflow.test.v1',
                               cast(:at as timestamptz) + n * interval '1 millisecond'
                        from generate_series(1, cast(:rows as int)) n
                        """)
                .param("at", Timestamp.from(expired))
                .param("rows", expiring)
                .update();

        cleanup.run();

        assertThat(kit.jdbc()
                        .sql("select count(*) from inbox_event where consumer_group = 'retention-capacity'")
                        .query(Long.class)
                        .single())
                .as("expired inbox rows left after one run, of %d", expiring)
                .isZero();
    }

    @Test
    void publishedOutboxRowsAndOldInboxRecordsAreCleanedUpAfterTheirRetention() {
        Instant now = Instant.now();
        UUID oldPublished = outboxRow(now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(2)));
        UUID recentPublished = outboxRow(now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
        UUID oldUnpublished = outboxRow(now.minus(Duration.ofDays(30)), null);
        UUID oldInbox = inboxRecord(now.minus(Duration.ofDays(15)));
        UUID recentInbox = inboxRecord(now.minus(Duration.ofDays(1)));
        long oldReplayed = deadLetter(now.minus(Duration.ofDays(20)), "replayed_at", now.minus(Duration.ofDays(15)));
        long oldDiscarded = deadLetter(now.minus(Duration.ofDays(20)), "discarded_at", now.minus(Duration.ofDays(15)));
        long recentlyReplayed =
                deadLetter(now.minus(Duration.ofDays(20)), "replayed_at", now.minus(Duration.ofDays(1)));
        long oldPending = deadLetter(now.minus(Duration.ofDays(30)), "replayed_at", null);

        assertThat(cleanup.run()).isGreaterThanOrEqualTo(3);

        assertThat(outboxExists(oldPublished)).isFalse();
        assertThat(outboxExists(recentPublished)).isTrue();
        assertThat(outboxExists(oldUnpublished))
                .as("unpublished rows are never cleaned up")
                .isTrue();
        assertThat(inboxExists(oldInbox)).isFalse();
        assertThat(inboxExists(recentInbox)).isTrue();
        assertThat(deadLetterExists(oldReplayed)).isFalse();
        assertThat(deadLetterExists(oldDiscarded)).isFalse();
        assertThat(deadLetterExists(recentlyReplayed))
                .as("kept for the retention time after it was replayed, however old it is")
                .isTrue();
    }

    @Test
    void deadLettersNoOperatorResolvedAreKeptWhateverTheirAge() {
        long pending = deadLetter(Instant.now().minus(Duration.ofDays(400)), "replayed_at", null);

        cleanup.run();

        assertThat(deadLetterExists(pending))
                .as("a dead letter never replayed nor discarded (SPEC §5)")
                .isTrue();
    }

    private UUID outboxRow(Instant createdAt, Instant publishedAt) {
        UUID eventId = UUID.randomUUID();
        kit.jdbc()
                .sql("""
                        insert into outbox_event (event_id, topic, message_key, event_type, source, correlation_id,
                                                  causation_id, payload, created_at, published_at)
                        values (:id, :topic, :key, 'dev.orderflow.test.v1', 'test', :id, :id, '{}',
                                :createdAt, :publishedAt)
                        """)
                .param("id", eventId)
                .param("topic", kit.topics().name("retention-test"))
                .param("key", UUID.randomUUID().toString())
                .param("createdAt", Timestamp.from(createdAt))
                .param("publishedAt", publishedAt == null ? null : Timestamp.from(publishedAt))
                .update();
        return eventId;
    }

    private UUID inboxRecord(Instant processedAt) {
        UUID eventId = UUID.randomUUID();
        kit.jdbc()
                .sql("insert into inbox_event (consumer_group, event_id, event_type, processed_at)"
                        + " values ('retention-test', :id, 'dev.orderflow.test.v1', :at)")
                .param("id", eventId)
                .param("at", Timestamp.from(processedAt))
                .update();
        return eventId;
    }

    /** A dead letter recorded {@code at}, resolved ({@code resolution} is replayed_at or discarded_at) at a time. */
    private long deadLetter(Instant at, String resolution, Instant resolvedAt) {
        return kit.jdbc()
                .sql("""
                        insert into dead_letter (consumer_group, original_topic, dlt_topic, dlt_partition, dlt_offset,
                                                 reason, headers, dead_lettered_at, %s)
                        values ('retention-test', 't', 't.retention-test.dlt', 0, (random() * 1e15)::bigint,
                                'HANDLER_FAILED', '{}', :at, :resolvedAt)
                        returning id
                        """.formatted(resolution))
                .param("at", Timestamp.from(at))
                .param("resolvedAt", resolvedAt == null ? null : Timestamp.from(resolvedAt))
                .query(Long.class)
                .single();
    }

    private boolean outboxExists(UUID eventId) {
        return exists("select count(*) from outbox_event where event_id = :id", eventId);
    }

    private boolean inboxExists(UUID eventId) {
        return exists("select count(*) from inbox_event where event_id = :id", eventId);
    }

    private boolean deadLetterExists(long id) {
        return exists("select count(*) from dead_letter where id = :id", id);
    }

    private boolean exists(String sql, Object id) {
        return kit.jdbc().sql(sql).param("id", id).query(Long.class).single() > 0;
    }
}
