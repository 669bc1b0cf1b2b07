package dev.orderflow.messaging.partner;

import dev.orderflow.messaging.Causation;
import dev.orderflow.messaging.partner.PartnerWorkItem.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code partner_work} table. Every write of a worker names the lease it holds ({@code fence}). */
final class PartnerWorkStore {

    private static final String COLUMNS = """
            id, order_id, action, partner, idempotency_key, status, void_requested, in_doubt, attempts, dispatched,
            fence, next_attempt_at, last_error, correlation_id, causation_id, traceparent, request""";

    private final JdbcClient jdbc;

    PartnerWorkStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a work item (due, or leased to the scheduling worker), unless one with its action and key exists. */
    boolean insert(PartnerWorkItem work, Instant now) {
        return jdbc.sql("""
                        insert into partner_work (id, order_id, action, partner, idempotency_key, status, attempts,
                                                  fence, next_attempt_at, correlation_id, causation_id, traceparent,
                                                  request, created_at, updated_at)
                        values (:id, :orderId, :action, :partner, :key, :status, :attempts, :fence, :nextAttemptAt,
                                :correlationId, :causationId, :traceparent, cast(:request as jsonb), :now, :now)
                        on conflict (action, idempotency_key) do nothing
                        """)
                        .param("id", work.id())
                        .param("orderId", work.orderId())
                        .param("action", work.action())
                        .param("partner", work.partner())
                        .param("key", work.idempotencyKey())
                        .param("status", work.status().name())
                        .param("attempts", work.attempts())
                        .param("fence", work.fence())
                        .param("nextAttemptAt", timestamp(work.nextAttemptAt()))
                        .param("correlationId", work.causation().correlationId())
                        .param("causationId", work.causation().causationId())
                        .param("traceparent", work.traceparent())
                        .param("request", work.request())
                        .param("now", Timestamp.from(now))
                        .update()
                > 0;
    }

    /**
     * Leases up to {@code limit} items of one partner whose time has come, due ones and those whose lease ran out, to the
     * caller until {@code leaseUntil}: each counts an attempt and gets a new fence. An item whose lease ran out may have
     * been dispatched by the worker that held it, so it is in doubt from now on.
     */
    List<PartnerWorkItem> claim(String partner, int limit, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                        update partner_work
                        set status = 'IN_FLIGHT', attempts = attempts + 1, fence = fence + 1,
                            in_doubt = in_doubt or status = 'IN_FLIGHT', next_attempt_at = :leaseUntil, updated_at = :now
                        where id in (select id from partner_work
                                     where partner = :partner and status in ('DUE', 'IN_FLIGHT')
                                       and next_attempt_at <= :now
                                     order by next_attempt_at
                                     limit :limit
                                     for update skip locked)
                        returning\s""" + COLUMNS)
                .param("partner", partner)
                .param("limit", limit)
                .param("now", Timestamp.from(now))
                .param("leaseUntil", Timestamp.from(leaseUntil))
                .query(PartnerWorkStore::map)
                .list();
    }

    /** Leases one order's due item of an action at once, whenever it was scheduled (an operator's retry). */
    Optional<PartnerWorkItem> claimNow(String action, UUID orderId, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                        update partner_work
                        set status = 'IN_FLIGHT', attempts = attempts + 1, fence = fence + 1,
                            in_doubt = in_doubt or status = 'IN_FLIGHT', next_attempt_at = :leaseUntil, updated_at = :now
                        where id = (select id from partner_work
                                    where action = :action and order_id = :orderId
                                      and (status = 'DUE' or (status = 'IN_FLIGHT' and next_attempt_at <= :now))
                                    limit 1
                                    for update skip locked)
                        returning\s""" + COLUMNS)
                .param("action", action)
                .param("orderId", orderId)
                .param("now", Timestamp.from(now))
                .param("leaseUntil", Timestamp.from(leaseUntil))
                .query(PartnerWorkStore::map)
                .optional();
    }

    /** Whether an order's item of an action could be taken now: due (whenever), or in flight with its lease run out. */
    boolean claimableNow(String action, UUID orderId, Instant now) {
        return jdbc.sql("""
                        select count(*) from partner_work
                        where action = :action and order_id = :orderId
                          and (status = 'DUE' or (status = 'IN_FLIGHT' and next_attempt_at <= :now))
                        """)
                        .param("action", action)
                        .param("orderId", orderId)
                        .param("now", Timestamp.from(now))
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The item as it stands, locked, if the caller still holds its lease ({@code fence}); empty for a stale worker. */
    Optional<PartnerWorkItem> lockLeased(UUID id, long fence) {
        return jdbc.sql("select " + COLUMNS
                        + " from partner_work where id = :id and fence = :fence and status = 'IN_FLIGHT' for update")
                .param("id", id)
                .param("fence", fence)
                .query(PartnerWorkStore::map)
                .optional();
    }

    /** An order's unsettled items of one action, locked. */
    List<PartnerWorkItem> lockOpen(String action, UUID orderId) {
        return jdbc.sql("select " + COLUMNS + """
                         from partner_work
                        where action = :action and order_id = :orderId and status in ('DUE', 'IN_FLIGHT')
                        order by created_at
                        for update""")
                .param("action", action)
                .param("orderId", orderId)
                .query(PartnerWorkStore::map)
                .list();
    }

    /** Every item of an order, oldest first (operators, tests). */
    List<PartnerWorkItem> ofOrder(UUID orderId) {
        return jdbc.sql("select " + COLUMNS
                        + " from partner_work where order_id = :orderId order by created_at, action")
                .param("orderId", orderId)
                .query(PartnerWorkStore::map)
                .list();
    }

    /** Settles a locked item: no further attempt, the request (maybe personal data) forgotten. */
    void settle(UUID id, Status status, int dispatchedNow, @Nullable String error, Instant now) {
        jdbc.sql("""
                        update partner_work
                        set status = :status, dispatched = dispatched + :dispatched, last_error = :error,
                            next_attempt_at = null, request = null, settled_at = :now, updated_at = :now
                        where id = :id
                        """)
                .param("id", id)
                .param("status", status.name())
                .param("dispatched", dispatchedNow)
                .param("error", error)
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Settles an item the caller still holds the lease of, in one statement: the fence check and the write together.
     *
     * @return whether it did; {@code false} when the lease was lost (another worker took the item, or it settled)
     */
    boolean settleLeased(UUID id, long fence, Status status, int dispatchedNow, Instant now) {
        return jdbc.sql("""
                        update partner_work
                        set status = :status, dispatched = dispatched + :dispatched, last_error = null,
                            next_attempt_at = null, request = null, settled_at = :now, updated_at = :now
                        where id = :id and fence = :fence and status = 'IN_FLIGHT'
                        """)
                        .param("id", id)
                        .param("fence", fence)
                        .param("status", status.name())
                        .param("dispatched", dispatchedNow)
                        .param("now", Timestamp.from(now))
                        .update()
                > 0;
    }

    /** A locked item's attempt failed: due again at {@code retryAt}. */
    void retryLater(UUID id, Instant retryAt, String error, int dispatchedNow, boolean inDoubt, Instant now) {
        jdbc.sql("""
                        update partner_work
                        set status = 'DUE', next_attempt_at = :retryAt, last_error = :error,
                            dispatched = dispatched + :dispatched, in_doubt = in_doubt or :inDoubt, updated_at = :now
                        where id = :id
                        """)
                .param("id", id)
                .param("retryAt", Timestamp.from(retryAt))
                .param("error", error)
                .param("dispatched", dispatchedNow)
                .param("inDoubt", inDoubt)
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Marks a locked item void-requested. A due one becomes due at once, so the doubt is resolved soon; an in-flight one
     * keeps its lease, and its worker's result decides.
     */
    void requestVoid(UUID id, Instant now) {
        jdbc.sql("""
                        update partner_work
                        set void_requested = true, updated_at = :now,
                            next_attempt_at = case when status = 'DUE' then :now else next_attempt_at end
                        where id = :id
                        """).param("id", id).param("now", Timestamp.from(now)).update();
    }

    private static PartnerWorkItem map(ResultSet rs, int row) throws SQLException {
        UUID correlationId = rs.getObject("correlation_id", UUID.class);
        UUID causationId = rs.getObject("causation_id", UUID.class);
        Timestamp next = rs.getTimestamp("next_attempt_at");
        return new PartnerWorkItem(
                rs.getObject("id", UUID.class),
                rs.getObject("order_id", UUID.class),
                rs.getString("action"),
                rs.getString("partner"),
                rs.getString("idempotency_key"),
                Status.valueOf(rs.getString("status")),
                rs.getBoolean("void_requested"),
                rs.getBoolean("in_doubt"),
                rs.getInt("attempts"),
                rs.getInt("dispatched"),
                rs.getLong("fence"),
                next == null ? null : next.toInstant(),
                rs.getString("last_error"),
                correlationId == null ? Causation.newSaga() : Causation.of(correlationId, causationId),
                rs.getString("traceparent"),
                rs.getString("request"));
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
