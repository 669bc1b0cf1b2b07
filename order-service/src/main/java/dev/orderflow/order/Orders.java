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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders in PostgreSQL. Readers get whole orders; writers lock the order's row first ({@link #lock}), so the writers of
 * one order serialise and its outbox rows stay in commit order.
 */
@Repository
public class Orders {

    private static final String COLUMNS = """
            id, customer_id, customer_email, ship_name, ship_line1, ship_line2, ship_city, ship_postal_code,
            ship_country, status, cancellation_reason, total, currency, correlation_id, last_event_id,
            completion_announced, created_at, updated_at, status_changed_at, deadline_at
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

    /** Loads the order with its row locked until the transaction ends. */
    Optional<Order> lock(UUID id) {
        return one("select " + COLUMNS + " from orders where id = :id for update", id);
    }

    /**
     * Locks up to {@code limit} orders whose deadline has passed, skipping those another transaction holds: replicas
     * scanning at once take disjoint batches, and an order a handler is working on waits for the next scan.
     */
    List<UUID> lockOverdue(Instant now, int limit) {
        return jdbc.sql("""
                        select id from orders
                        where status not in ('COMPLETED', 'CANCELLED') and deadline_at <= :now
                        order by deadline_at
                        limit :limit
                        for update skip locked
                        """)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    void insert(Order order) {
        ShippingAddress address = order.shippingAddress();
        jdbc.sql("""
                        insert into orders (id, customer_id, customer_email, ship_name, ship_line1, ship_line2,
                                            ship_city, ship_postal_code, ship_country, status, cancellation_reason,
                                            total, currency, correlation_id, last_event_id, completion_announced,
                                            created_at, updated_at, status_changed_at, deadline_at)
                        values (:id, :customerId, :customerEmail, :name, :line1, :line2, :city, :postalCode,
                                :country, :status, :reason, :total, :currency, :correlationId, :lastEventId,
                                :completionAnnounced, :createdAt, :updatedAt, :statusChangedAt, :deadlineAt)
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
                .param("reason", reasonOf(order))
                .param("total", order.total())
                .param("currency", order.currency())
                .param("correlationId", order.correlationId())
                .param("lastEventId", order.lastEventId())
                .param("completionAnnounced", order.completionAnnounced())
                .param("createdAt", Timestamp.from(order.createdAt()))
                .param("updatedAt", Timestamp.from(order.updatedAt()))
                .param("statusChangedAt", Timestamp.from(order.statusChangedAt()))
                .param("deadlineAt", Timestamp.from(order.deadlineAt()))
                .update();
        List<OrderItem> items = order.items();
        for (int line = 0; line < items.size(); line++) {
            jdbc.sql("""
                            insert into order_item (order_id, line_no, sku, quantity, unit_price)
                            values (:orderId, :line, :sku, :quantity, :unitPrice)
                            """)
                    .param("orderId", order.id())
                    .param("line", line)
                    .param("sku", items.get(line).sku())
                    .param("quantity", items.get(line).quantity())
                    .param("unitPrice", items.get(line).unitPrice())
                    .update();
        }
        insertTimeline(order.id(), order.timeline());
    }

    /** Stores what a transition may change; the caller holds the row lock. */
    void update(Order order) {
        jdbc.sql("""
                        update orders set status = :status, cancellation_reason = :reason, total = :total,
                                          currency = :currency, last_event_id = :lastEventId,
                                          completion_announced = :completionAnnounced, updated_at = :updatedAt,
                                          status_changed_at = :statusChangedAt
                        where id = :id
                        """)
                .param("id", order.id())
                .param("status", order.status().name())
                .param("reason", reasonOf(order))
                .param("total", order.total())
                .param("currency", order.currency())
                .param("lastEventId", order.lastEventId())
                .param("completionAnnounced", order.completionAnnounced())
                .param("updatedAt", Timestamp.from(order.updatedAt()))
                .param("statusChangedAt", Timestamp.from(order.statusChangedAt()))
                .update();
        for (OrderItem item : order.items()) {
            jdbc.sql("""
                            update order_item set unit_price = :unitPrice
                            where order_id = :orderId and sku = :sku and unit_price is distinct from :unitPrice
                            """)
                    .param("orderId", order.id())
                    .param("sku", item.sku())
                    .param("unitPrice", item.unitPrice())
                    .update();
        }
        insertTimeline(order.id(), order.newTimelineEntries());
    }

    private void insertTimeline(UUID orderId, List<TimelineEntry> entries) {
        for (TimelineEntry entry : entries) {
            jdbc.sql("insert into order_timeline (order_id, status, event, at) values (:orderId, :status, :event, :at)")
                    .param("orderId", orderId)
                    .param("status", entry.status().name())
                    .param("event", entry.event())
                    .param("at", Timestamp.from(entry.at()))
                    .update();
        }
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

    private static @Nullable String reasonOf(Order order) {
        CancellationReason reason = order.cancellationReason();
        return reason == null ? null : reason.name();
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
                instant(rs, "deadline_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
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
            Instant deadlineAt) {

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
