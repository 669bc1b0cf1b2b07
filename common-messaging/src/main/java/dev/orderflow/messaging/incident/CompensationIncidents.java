package dev.orderflow.messaging.incident;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code compensation_incident} table: written in the transaction of the compensation it describes (the caller
 * holds the order's row lock, so one order's incident has one writer at a time), counted in
 * {@value #METRIC} when one opens.
 */
public class CompensationIncidents {

    public static final String METRIC = "orderflow.compensation.incidents";
    public static final String OPEN_METRIC = "orderflow.compensation.incidents.open";

    /** What {@link #map} reads, by name: a column added by an expand migration changes no query's result. */
    private static final String COLUMNS =
            "id, order_id, action, status, attempts, last_error, opened_at, updated_at, resolved_at";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MeterRegistry meters;

    public CompensationIncidents(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
        Gauge.builder(OPEN_METRIC, this, CompensationIncidents::openOrNaN)
                .description("Compensation incidents open now (alerted on: CompensationIncidentsOpen)")
                .register(meters);
    }

    /** The gauge's value: NaN, never an error, while the database cannot be asked. */
    private double openOrNaN() {
        try {
            return countOpen();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The compensation failed again after {@code attempts} attempts: opens the incident or brings it up to date. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordFailure(UUID orderId, String action, int attempts, String error) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("""
                        update compensation_incident
                        set attempts = :attempts, last_error = :error, updated_at = :now
                        where order_id = :orderId and action = :action and status = 'OPEN'
                        """)
                .param("orderId", orderId)
                .param("action", action)
                .param("attempts", attempts)
                .param("error", error)
                .param("now", now)
                .update();
        if (updated > 0) {
            return;
        }
        jdbc.sql("""
                        insert into compensation_incident
                            (id, order_id, action, status, attempts, last_error, opened_at, updated_at)
                        values (:id, :orderId, :action, 'OPEN', :attempts, :error, :now, :now)
                        on conflict (order_id, action) do update
                        set status = 'OPEN', attempts = excluded.attempts, last_error = excluded.last_error,
                            opened_at = excluded.opened_at, updated_at = excluded.updated_at, resolved_at = null
                        """)
                .param("id", UUID.randomUUID())
                .param("orderId", orderId)
                .param("action", action)
                .param("attempts", attempts)
                .param("error", error)
                .param("now", now)
                .update();
        Counter opened = Counter.builder(METRIC)
                .description("Compensation incidents opened: compensations that keep failing")
                .tag("action", action)
                .register(meters);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                opened.increment();
            }
        });
    }

    /** The compensation succeeded: an open incident, if any, is resolved. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void resolve(UUID orderId, String action) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        update compensation_incident set status = 'RESOLVED', updated_at = :now, resolved_at = :now
                        where order_id = :orderId and action = :action and status = 'OPEN'
                        """)
                .param("orderId", orderId)
                .param("action", action)
                .param("now", now)
                .update();
    }

    /** How many incidents are open now: compensations that still fail and wait for the partner or an operator. */
    public long countOpen() {
        return jdbc.sql("select count(*) from compensation_incident where status = 'OPEN'")
                .query(Long.class)
                .single();
    }

    public Optional<CompensationIncident> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from compensation_incident where id = :id")
                .param("id", id)
                .query(CompensationIncidents::map)
                .optional();
    }

    /** Newest first, optionally only one status or one order. */
    public List<CompensationIncident> list(@Nullable IncidentStatus status, @Nullable UUID orderId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from compensation_incident"
                        + " where (cast(:status as text) is null or status = :status)"
                        + " and (cast(:orderId as uuid) is null or order_id = :orderId)"
                        + " order by opened_at desc, id limit :limit")
                .param("status", status == null ? null : status.name())
                .param("orderId", orderId)
                .param("limit", limit)
                .query(CompensationIncidents::map)
                .list();
    }

    private static CompensationIncident map(ResultSet rs, int row) throws SQLException {
        Timestamp resolvedAt = rs.getTimestamp("resolved_at");
        return new CompensationIncident(
                rs.getObject("id", UUID.class),
                rs.getObject("order_id", UUID.class),
                rs.getString("action"),
                IncidentStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                rs.getTimestamp("opened_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                resolvedAt == null ? null : resolvedAt.toInstant());
    }
}
