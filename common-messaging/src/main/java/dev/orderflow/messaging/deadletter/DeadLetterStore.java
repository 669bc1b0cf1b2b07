package dev.orderflow.messaging.deadletter;

import dev.orderflow.events.EventJson;
import dev.orderflow.messaging.SampledBacklog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;

/**
 * The {@code dead_letter} table: one row per record on this service's dead-letter topics, kept until an operator
 * resolves it (replays or discards it) and retention's time after that. The pending ones are sampled on the housekeeping
 * schedule, never per scrape, so a scrape never waits on the database: how many, and the age of the oldest (alert
 * DeadLettersUnresolved).
 */
public final class DeadLetterStore {

    public static final String PENDING_METRIC = "orderflow.dead.letters.pending";
    public static final String OLDEST_PENDING_METRIC = "orderflow.dead.letters.pending.oldest.age";

    private static final TypeReference<Map<String, String>> HEADER_MAP = new TypeReference<>() {};

    /** What {@link #map} reads, by name: a column added by an expand migration changes no query's result. */
    private static final String COLUMNS = "id, consumer_group, original_topic, dlt_topic, dlt_partition, dlt_offset,"
            + " message_key, event_id, event_type, reason, detail, headers, payload, dead_lettered_at,"
            + " record_timestamp, replayed_at, discarded_at, replay_attempts, last_replay_error";

    private static final String PENDING = "replayed_at is null and discarded_at is null";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SampledBacklog pending;

    public DeadLetterStore(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.pending = new SampledBacklog(jdbc, clock, "dead_letter", "dead_lettered_at", PENDING);
        Gauge.builder(PENDING_METRIC, pending, SampledBacklog::count)
                .description("Dead letters no operator has replayed or discarded yet; kept until one does")
                .register(meters);
        Gauge.builder(OLDEST_PENDING_METRIC, pending, SampledBacklog::oldestAgeSeconds)
                .description("Age of the oldest pending dead letter, since it was recorded; 0 when none")
                .baseUnit("seconds")
                .register(meters);
    }

    /** Records a dead letter once, however often its record is delivered. */
    void record(DeadLetter letter) {
        jdbc.sql("""
                        insert into dead_letter (consumer_group, original_topic, dlt_topic, dlt_partition, dlt_offset,
                                                 message_key, event_id, event_type, reason, detail, headers, payload,
                                                 dead_lettered_at, record_timestamp)
                        values (:group, :originalTopic, :dltTopic, :partition, :offset,
                                :key, :eventId, :eventType, :reason, :detail, cast(:headers as jsonb), :payload,
                                :deadLetteredAt, :recordTimestamp)
                        on conflict (dlt_topic, dlt_partition, dlt_offset) do nothing
                        """)
                .param("group", letter.consumerGroup())
                .param("originalTopic", letter.originalTopic())
                .param("dltTopic", letter.deadLetterTopic())
                .param("partition", letter.partition())
                .param("offset", letter.offset())
                .param("key", letter.key())
                .param("eventId", letter.eventId())
                .param("eventType", letter.eventType())
                .param("reason", letter.reason())
                .param("detail", letter.detail())
                .param("headers", EventJson.mapper().writeValueAsString(letter.headers()))
                .param("payload", letter.payload())
                .param("deadLetteredAt", Timestamp.from(letter.deadLetteredAt()))
                .param("recordTimestamp", timestamp(letter.recordTimestamp()))
                .update();
    }

    public List<DeadLetter> list(@Nullable String group, boolean pendingOnly, int offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from dead_letter"
                        + " where (cast(:group as text) is null or consumer_group = :group)"
                        + " and (not :pendingOnly or (" + PENDING + ")) order by id limit :limit offset :offset")
                .param("group", group)
                .param("pendingOnly", pendingOnly)
                .param("limit", limit)
                .param("offset", offset)
                .query(DeadLetterStore::map)
                .list();
    }

    public long count(@Nullable String group, boolean pendingOnly) {
        return jdbc.sql(
                        "select count(*) from dead_letter where (cast(:group as text) is null or consumer_group = :group)"
                                + " and (not :pendingOnly or (" + PENDING + "))")
                .param("group", group)
                .param("pendingOnly", pendingOnly)
                .query(Long.class)
                .single();
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from dead_letter where id = :id")
                .param("id", id)
                .query(DeadLetterStore::map)
                .optional();
    }

    void markReplayed(long id) {
        jdbc.sql("update dead_letter set replayed_at = :now, replay_attempts = replay_attempts + 1,"
                        + " last_replay_error = null where id = :id")
                .param("id", id)
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    void markReplayFailed(long id, String error) {
        jdbc.sql(
                        "update dead_letter set replay_attempts = replay_attempts + 1, last_replay_error = :error where id = :id")
                .param("id", id)
                .param("error", error)
                .update();
    }

    /** Marks a pending dead letter discarded; {@code false} if it is not pending (replayed or discarded already). */
    boolean markDiscarded(long id) {
        return jdbc.sql("update dead_letter set discarded_at = :now where id = :id and " + PENDING)
                        .param("id", id)
                        .param("now", Timestamp.from(clock.instant()))
                        .update()
                > 0;
    }

    /** Re-reads the pending dead letters for the gauges; called by the housekeeping schedule. */
    public void refreshPending() {
        pending.refresh();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static DeadLetter map(ResultSet rs, int row) throws SQLException {
        return new DeadLetter(
                rs.getLong("id"),
                rs.getString("consumer_group"),
                rs.getString("original_topic"),
                rs.getString("dlt_topic"),
                rs.getInt("dlt_partition"),
                rs.getLong("dlt_offset"),
                rs.getString("message_key"),
                rs.getString("event_id"),
                rs.getString("event_type"),
                rs.getString("reason"),
                rs.getString("detail"),
                EventJson.mapper().readValue(rs.getString("headers"), HEADER_MAP),
                rs.getBytes("payload"),
                rs.getTimestamp("dead_lettered_at").toInstant(),
                instant(rs, "record_timestamp"),
                instant(rs, "replayed_at"),
                instant(rs, "discarded_at"),
                rs.getInt("replay_attempts"),
                rs.getString("last_replay_error"));
    }
}
