package dev.orderflow.messaging.deadletter;

import dev.orderflow.events.EventJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;

/** The {@code dead_letter} table: one row per record on this service's dead-letter topics. */
public final class DeadLetterStore {

    private static final TypeReference<Map<String, String>> HEADER_MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;

    public DeadLetterStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a dead letter once, however often its record is delivered. */
    void record(DeadLetter letter) {
        jdbc.sql("""
                        insert into dead_letter (consumer_group, original_topic, dlt_topic, dlt_partition, dlt_offset,
                                                 message_key, event_id, event_type, reason, detail, headers, payload)
                        values (:group, :originalTopic, :dltTopic, :partition, :offset,
                                :key, :eventId, :eventType, :reason, :detail, cast(:headers as jsonb), :payload)
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
                .update();
    }

    public List<DeadLetter> list(@Nullable String group, boolean pendingOnly, int offset, int limit) {
        return jdbc.sql("select * from dead_letter where (cast(:group as text) is null or consumer_group = :group)"
                        + " and (not :pendingOnly or replayed_at is null) order by id limit :limit offset :offset")
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
                                + " and (not :pendingOnly or replayed_at is null)")
                .param("group", group)
                .param("pendingOnly", pendingOnly)
                .query(Long.class)
                .single();
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.sql("select * from dead_letter where id = :id")
                .param("id", id)
                .query(DeadLetterStore::map)
                .optional();
    }

    void markReplayed(long id) {
        jdbc.sql("update dead_letter set replayed_at = now(), replay_attempts = replay_attempts + 1,"
                        + " last_replay_error = null where id = :id")
                .param("id", id)
                .update();
    }

    void markReplayFailed(long id, String error) {
        jdbc.sql(
                        "update dead_letter set replay_attempts = replay_attempts + 1, last_replay_error = :error where id = :id")
                .param("id", id)
                .param("error", error)
                .update();
    }

    private static DeadLetter map(ResultSet rs, int row) throws SQLException {
        Timestamp replayed = rs.getTimestamp("replayed_at");
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
                replayed == null ? null : replayed.toInstant(),
                rs.getInt("replay_attempts"),
                rs.getString("last_replay_error"));
    }
}
