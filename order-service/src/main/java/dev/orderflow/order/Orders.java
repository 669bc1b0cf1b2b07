package dev.orderflow.order;

import dev.orderflow.events.ShippingAddress;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders in PostgreSQL. Readers get whole orders. Writers lock the order's row first ({@link #lock}), so the writers of
 * one order serialise and its outbox rows stay in commit order; they load only the row's saga state (and the items, to
 * price them), and {@link #save} writes only what the transition changed, in one statement.
 */
@Repository
public class Orders {

    private static final String COLUMNS = """
            id, customer_id, customer_email, ship_name, ship_line1, ship_line2, ship_city, ship_postal_code,
            ship_country, status, cancellation_reason, total, currency, correlation_id, last_event_id,
            completion_announced, created_at, updated_at, status_changed_at, deadline_at, held_payment, held_payment_at,
            held_shipment, held_shipment_at
            """;

    /** What a transition reads or announces: no customer, address, items or timeline. */
    private static final String SAGA_COLUMNS = """
            id, status, cancellation_reason, total, currency, customer_email, correlation_id, last_event_id,
            completion_announced, created_at, status_changed_at, deadline_at, held_payment, held_payment_at,
            held_shipment, held_shipment_at
            """;

    private final JdbcClient jdbc;

    Orders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What to list: either filter may be absent. */
    public record Filter(
            @Nullable String customerId, @Nullable OrderStatus status) {}

    public Optional<Order> find(UUID id) {
        return one("select " + COLUMNS + " from orders where id = :id", id);
    }

    /** Newest first. */
    public List<Order> search(Filter filter, long offset, int limit) {
        Where where = Where.of(filter);
        List<Row> rows = where.bind(jdbc.sql("select " + COLUMNS + " from orders" + where.sql
                        + " order by created_at desc, id desc offset :offset limit :limit"))
                .param("offset", offset)
                .param("limit", limit)
                .query(Orders::row)
                .list();
        return withDetails(rows);
    }

    public long count(Filter filter) {
        Where where = Where.of(filter);
        return where.bind(jdbc.sql("select count(*) from orders" + where.sql))
                .query(Long.class)
                .single();
    }

    /** Locks the order's row until the transaction ends and loads its saga state: what every transition needs. */
    Optional<Order> lock(UUID id) {
        return jdbc.sql("select " + SAGA_COLUMNS + " from orders where id = :id for update")
                .param("id", id)
                .query((rs, n) -> SagaRow.of(rs).toOrder(null))
                .optional();
    }

    /** {@link #lock}, with the items too, in the same round trip: for the transition that prices them. */
    Optional<Order> lockWithItems(UUID id) {
        ResultSetExtractor<Optional<Order>> orderWithItems = rs -> {
            SagaRow row = null;
            List<OrderItem> items = new ArrayList<>();
            while (rs.next()) {
                if (row == null) {
                    row = SagaRow.of(rs);
                }
                if (rs.getString("sku") != null) {
                    items.add(
                            new OrderItem(rs.getString("sku"), rs.getInt("quantity"), rs.getBigDecimal("unit_price")));
                }
            }
            return row == null ? Optional.empty() : Optional.of(row.toOrder(items));
        };
        return jdbc.sql("select " + SAGA_COLUMNS + """
                        , sku, quantity, unit_price
                        from orders o left join order_item i on i.order_id = o.id
                        where o.id = :id
                        order by i.line_no
                        for update of o
                        """).param("id", id).query(orderWithItems);
    }

    /**
     * Locks up to {@code limit} orders whose deadline has passed, skipping those another transaction holds, and loads
     * their saga state: replicas scanning at once take disjoint batches, and an order a handler is working on waits for
     * the next scan.
     */
    List<Order> lockOverdue(Instant now, int limit) {
        return jdbc.sql("select " + SAGA_COLUMNS + """
                        from orders
                        where status not in ('COMPLETED', 'CANCELLED') and deadline_at <= :now
                        order by deadline_at
                        limit :limit
                        for update skip locked
                        """)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, n) -> SagaRow.of(rs).toOrder(null))
                .list();
    }

    /** Stores a new order with its items and its first timeline entry, in one statement. */
    void insert(Order order) {
        ShippingAddress address = order.shippingAddress();
        List<OrderItem> items = order.items();
        List<Object[]> lines = new ArrayList<>(items.size());
        for (int line = 0; line < items.size(); line++) {
            lines.add(new Object[] {
                order.id(), line, items.get(line).sku(), items.get(line).quantity()
            });
        }
        jdbc.sql("""
                        with placed as (
                            insert into orders (id, customer_id, customer_email, ship_name, ship_line1, ship_line2,
                                                ship_city, ship_postal_code, ship_country, status, total, currency,
                                                correlation_id, last_event_id, completion_announced, created_at,
                                                updated_at, status_changed_at, deadline_at)
                            values (:id, :customerId, :customerEmail, :name, :line1, :line2, :city, :postalCode,
                                    :country, :status, :total, :currency, :correlationId, :lastEventId,
                                    :completionAnnounced, :createdAt, :updatedAt, :statusChangedAt, :deadlineAt)
                        ), lines as (
                            insert into order_item (order_id, line_no, sku, quantity) values :lines
                        )
                        insert into order_timeline (order_id, status, event, at) values :entries
                        """)
                .param("id", order.id())
                .param("customerId", order.customerId())
                .param("customerEmail", order.customerEmail())
                .param("name", address.name())
                .param("line1", address.line1())
                .param("line2", address.line2())
                .param("city", address.city())
                .param("postalCode", address.postalCode())
                .param("country", address.country())
                .param("status", order.status().name())
                .param("total", order.total())
                .param("currency", order.currency())
                .param("correlationId", order.correlationId())
                .param("lastEventId", order.lastEventId())
                .param("completionAnnounced", order.completionAnnounced())
                .param("createdAt", Timestamp.from(order.createdAt()))
                .param("updatedAt", Timestamp.from(order.updatedAt()))
                .param("statusChangedAt", Timestamp.from(order.statusChangedAt()))
                .param("deadlineAt", Timestamp.from(order.deadlineAt()))
                .param("lines", lines)
                .param("entries", OrderChangeStatement.timelineRows(order))
                .update();
    }

    /**
     * Stores what the transitions changed, in one statement ({@link OrderChangeStatement}): the row's changed columns,
     * the new timeline entries and, when they were priced, the items' unit prices. The caller holds the row lock.
     */
    void save(Order order) {
        OrderChangeStatement.of(order)
                .ifPresent(
                        change -> jdbc.sql(change.sql()).params(change.params()).update());
    }

    private Optional<Order> one(String sql, UUID id) {
        return jdbc.sql(sql)
                .param("id", id)
                .query(Orders::row)
                .optional()
                .map(row -> withDetails(List.of(row)).getFirst());
    }

    /** Adds items and timelines to the rows, two queries for the whole list. */
    private List<Order> withDetails(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(Row::id).toList();
        Map<UUID, List<OrderItem>> items = new LinkedHashMap<>();
        jdbc.sql("select order_id, sku, quantity, unit_price from order_item where order_id in (:ids)"
                        + " order by order_id, line_no")
                .param("ids", ids)
                .query(rs -> {
                    items.computeIfAbsent(rs.getObject("order_id", UUID.class), k -> new ArrayList<>())
                            .add(new OrderItem(
                                    rs.getString("sku"), rs.getInt("quantity"), rs.getBigDecimal("unit_price")));
                });
        Map<UUID, List<TimelineEntry>> timelines = new LinkedHashMap<>();
        jdbc.sql("select order_id, status, event, at from order_timeline where order_id in (:ids) order by id")
                .param("ids", ids)
                .query(rs -> {
                    timelines
                            .computeIfAbsent(rs.getObject("order_id", UUID.class), k -> new ArrayList<>())
                            .add(new TimelineEntry(
                                    OrderStatus.valueOf(rs.getString("status")),
                                    rs.getString("event"),
                                    instant(rs, "at")));
                });
        return rows.stream()
                .map(row -> row.toOrder(
                        items.getOrDefault(row.id(), List.of()), timelines.getOrDefault(row.id(), List.of())))
                .toList();
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        String reason = rs.getString("cancellation_reason");
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("customer_id"),
                rs.getString("customer_email"),
                new ShippingAddress(
                        rs.getString("ship_name"),
                        rs.getString("ship_line1"),
                        rs.getString("ship_line2"),
                        rs.getString("ship_city"),
                        rs.getString("ship_postal_code"),
                        rs.getString("ship_country")),
                OrderStatus.valueOf(rs.getString("status")),
                reason == null ? null : CancellationReason.valueOf(reason),
                rs.getBigDecimal("total"),
                rs.getString("currency"),
                rs.getObject("correlation_id", UUID.class),
                rs.getObject("last_event_id", UUID.class),
                rs.getBoolean("completion_announced"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "status_changed_at"),
                instant(rs, "deadline_at"),
                heldAnswers(rs));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    private static HeldAnswers heldAnswers(ResultSet rs) throws SQLException {
        return new HeldAnswers(held(rs, "held_payment"), held(rs, "held_shipment"));
    }

    private static HeldAnswers.@Nullable Held held(ResultSet rs, String column) throws SQLException {
        String event = rs.getString(column);
        return event == null ? null : new HeldAnswers.Held(StepAnswer.ofEvent(event), instant(rs, column + "_at"));
    }

    /** The saga state of an order's row ({@link #SAGA_COLUMNS}). */
    private record SagaRow(
            UUID id,
            OrderStatus status,
            @Nullable CancellationReason cancellationReason,
            @Nullable BigDecimal total,
            @Nullable String currency,
            String customerEmail,
            UUID correlationId,
            UUID lastEventId,
            boolean completionAnnounced,
            Instant createdAt,
            Instant statusChangedAt,
            Instant deadlineAt,
            HeldAnswers held) {

        static SagaRow of(ResultSet rs) throws SQLException {
            String reason = rs.getString("cancellation_reason");
            return new SagaRow(
                    rs.getObject("id", UUID.class),
                    OrderStatus.valueOf(rs.getString("status")),
                    reason == null ? null : CancellationReason.valueOf(reason),
                    rs.getBigDecimal("total"),
                    rs.getString("currency"),
                    rs.getString("customer_email"),
                    rs.getObject("correlation_id", UUID.class),
                    rs.getObject("last_event_id", UUID.class),
                    rs.getBoolean("completion_announced"),
                    instant(rs, "created_at"),
                    instant(rs, "status_changed_at"),
                    instant(rs, "deadline_at"),
                    heldAnswers(rs));
        }

        /** The order for a writer: no customer, address, last update or timeline; items only if given. */
        Order toOrder(@Nullable List<OrderItem> items) {
            return new Order(
                    id,
                    null,
                    customerEmail,
                    null,
                    items,
                    status,
                    cancellationReason,
                    total,
                    currency,
                    correlationId,
                    lastEventId,
                    completionAnnounced,
                    createdAt,
                    null,
                    statusChangedAt,
                    deadlineAt,
                    held,
                    null);
        }
    }

    /** The orders row, before its items and timeline are added. */
    private record Row(
            UUID id,
            String customerId,
            String customerEmail,
            ShippingAddress shippingAddress,
            OrderStatus status,
            @Nullable CancellationReason cancellationReason,
            @Nullable BigDecimal total,
            @Nullable String currency,
            UUID correlationId,
            UUID lastEventId,
            boolean completionAnnounced,
            Instant createdAt,
            Instant updatedAt,
            Instant statusChangedAt,
            Instant deadlineAt,
            HeldAnswers held) {

        Order toOrder(List<OrderItem> items, List<TimelineEntry> timeline) {
            return new Order(
                    id,
                    customerId,
                    customerEmail,
                    shippingAddress,
                    items,
                    status,
                    cancellationReason,
                    total,
                    currency,
                    correlationId,
                    lastEventId,
                    completionAnnounced,
                    createdAt,
                    updatedAt,
                    statusChangedAt,
                    deadlineAt,
                    held,
                    timeline);
        }
    }

    /** The where clause of a listing, with only the filters given, so each shape gets its own index. */
    private record Where(String sql, Filter filter) {

        static Where of(Filter filter) {
            List<String> conditions = new ArrayList<>();
            if (filter.customerId() != null) {
                conditions.add("customer_id = :customerId");
            }
            if (filter.status() != null) {
                conditions.add("status = :status");
            }
            return new Where(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), filter);
        }

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
            if (filter.customerId() != null) {
                statement = statement.param("customerId", filter.customerId());
            }
            if (filter.status() != null) {
                statement = statement.param("status", filter.status().name());
            }
            return statement;
        }
    }
}
