package dev.orderflow.order.web;

import dev.orderflow.order.OrderProperties;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.web.ErrorResponseException;

/**
 * Idempotency keys and the responses they answered, kept for the retention period. A key is claimed by inserting its
 * row before the order is created, in the same transaction: a concurrent request with the same key waits on that row
 * (at most {@code idempotency-wait}), then finds the committed response and replays it.
 */
@Repository
class IdempotencyKeys {

    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final JdbcClient jdbc;
    private final Duration retention;
    private final Duration wait;

    IdempotencyKeys(JdbcClient jdbc, OrderProperties properties) {
        this.jdbc = jdbc;
        this.retention = properties.idempotencyRetention();
        this.wait = properties.idempotencyWait();
    }

    /** A response as first sent, to be sent again for the same key and request ({@code replayed} then). */
    record StoredResponse(int status, @Nullable UUID orderId, String body, boolean replayed) {}

    /** The key was used with a different request: 422. */
    static final class KeyReusedException extends ErrorResponseException {
        KeyReusedException() {
            super(HttpStatus.UNPROCESSABLE_CONTENT);
            setTitle("Idempotency-Key reused");
            setDetail("This Idempotency-Key was already used with a different request body");
        }
    }

    /** Another request with the key has not finished yet: 409, retry in a second. */
    static final class KeyInProgressException extends ErrorResponseException {
        KeyInProgressException() {
            super(HttpStatus.CONFLICT);
            setTitle("Request in progress");
            setDetail("A request with this Idempotency-Key is still being processed; retry shortly");
            getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        }
    }

    /**
     * Claims the key for a request in the caller's transaction.
     *
     * @return empty if the key is new (or expired) and now belongs to this request, else the response to replay
     * @throws KeyReusedException if the key was used with another request
     * @throws KeyInProgressException if the request holding the key did not finish in time
     */
    Optional<StoredResponse> claim(String key, String requestHash, Instant now) {
        // Reads the setting and bounds it in one round trip: the subquery (kept apart by offset 0) is read before the
        // outer select list sets the new value.
        String lockTimeout = jdbc.sql("""
                        select set_config('lock_timeout', :wait, true) as bounded, previous
                        from (select current_setting('lock_timeout') as previous offset 0) as before
                        """)
                .param("wait", wait.toMillis() + "ms")
                .query((rs, n) -> rs.getString("previous"))
                .single();
        int claimed;
        try {
            // An expired key that clean-up has not deleted yet counts as new.
            claimed = jdbc.sql("""
                            insert into idempotency_key (key, request_hash, created_at) values (:key, :hash, :now)
                            on conflict (key) do update
                                set request_hash = excluded.request_hash, order_id = null, response_status = null,
                                    response_body = null, created_at = excluded.created_at
                                where idempotency_key.created_at < :expiredBefore
                            """)
                    .param("key", key)
                    .param("hash", requestHash)
                    .param("now", Timestamp.from(now))
                    .param("expiredBefore", Timestamp.from(now.minus(retention)))
                    .update();
        } catch (DataAccessException e) {
            if (isLockTimeout(e)) {
                throw new KeyInProgressException();
            }
            throw e;
        }
        // Only the wait for the key is bounded; the commit's own locks are not.
        setLockTimeout(lockTimeout);
        if (claimed == 1) {
            return Optional.empty();
        }
        Earlier earlier = jdbc.sql("""
                        select request_hash, order_id, response_status, response_body
                        from idempotency_key where key = :key
                        """)
                .param("key", key)
                .query((rs, n) -> new Earlier(
                        rs.getString("request_hash"),
                        rs.getObject("order_id", UUID.class),
                        (Integer) rs.getObject("response_status"),
                        rs.getString("response_body")))
                .single();
        if (!earlier.requestHash().equals(requestHash)) {
            throw new KeyReusedException();
        }
        if (earlier.status() == null || earlier.body() == null) {
            throw new KeyInProgressException();
        }
        return Optional.of(new StoredResponse(earlier.status(), earlier.orderId(), earlier.body(), true));
    }

    /** Stores the response of a claimed key, in the transaction that claimed it. */
    void complete(String key, StoredResponse response) {
        jdbc.sql("""
                        update idempotency_key set order_id = :orderId, response_status = :status, response_body = :body
                        where key = :key
                        """)
                .param("key", key)
                .param("orderId", response.orderId())
                .param("status", response.status())
                .param("body", response.body())
                .update();
    }

    /**
     * Deletes up to one batch of expired keys, oldest first; returns how many. One statement: the batch is read from the
     * {@code created_at} index and deleted by row address, so a batch costs the same however large the backlog.
     */
    int deleteExpired(Instant now, int batchSize) {
        // The outer condition is checked again on a row a concurrent claim renewed, which then survives.
        return jdbc.sql("""
                        delete from idempotency_key
                        where ctid = any (array(select ctid from idempotency_key
                                                where created_at < :cutoff
                                                order by created_at
                                                limit :batch))
                          and created_at < :cutoff
                        """)
                .param("cutoff", Timestamp.from(now.minus(retention)))
                .param("batch", batchSize)
                .update();
    }

    /** PostgreSQL's lock_not_available, whichever exception Spring translated it to. */
    private static boolean isLockTimeout(DataAccessException e) {
        if (e instanceof PessimisticLockingFailureException) {
            return true;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private void setLockTimeout(String value) {
        jdbc.sql("select set_config('lock_timeout', :value, true)")
                .param("value", value)
                .query(String.class)
                .single();
    }

    private record Earlier(
            String requestHash,
            @Nullable UUID orderId,
            @Nullable Integer status,
            @Nullable String body) {}
}
