package dev.orderflow.order;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one statement that stores what an order's transitions changed ({@link Order#changes()}): an update of the row's
 * changed columns, with the new timeline entries and, when they were priced, the items' unit prices written by the same
 * statement. One round trip per transition, inside transactions other orders' events share.
 */
record OrderChangeStatement(String sql, Map<String, @Nullable Object> params) {

    /** The statement for the order's changes; empty when nothing changed. */
    static Optional<OrderChangeStatement> of(Order order) {
        Set<Order.Change> changes = order.changes();
        List<Object[]> entries = timelineRows(order);
        if (changes.isEmpty() && entries.isEmpty()) {
            return Optional.empty();
        }
        Map<String, @Nullable Object> params = new HashMap<>();
        params.put("id", order.id());
        List<String> with = new ArrayList<>();
        if (changes.contains(Order.Change.PRICES)) {
            with.add("""
                    priced as (
                        update order_item i set unit_price = p.unit_price
                        from (values :prices) as p (sku, unit_price)
                        where i.order_id = :id and i.sku = p.sku
                    )""");
            params.put(
                    "prices",
                    order.items().stream()
                            .map(item -> new Object[] {item.sku(), item.unitPrice()})
                            .toList());
        }
        if (!entries.isEmpty()) {
            with.add("recorded as (insert into order_timeline (order_id, status, event, at) values :entries)");
            params.put("entries", entries);
        }
        List<String> set = new ArrayList<>();
        if (!entries.isEmpty()) {
            // An answer only held is no update the client sees: the order's view is unchanged.
            set.add("updated_at = :updatedAt");
            params.put("updatedAt", Timestamp.from(order.updatedAt()));
        }
        if (changes.contains(Order.Change.STATUS)) {
            CancellationReason reason = order.cancellationReason();
            set.add("status = :status, cancellation_reason = :reason, status_changed_at = :statusChangedAt");
            params.put("status", order.status().name());
            params.put("reason", reason == null ? null : reason.name());
            params.put("statusChangedAt", Timestamp.from(order.statusChangedAt()));
        }
        if (changes.contains(Order.Change.TOTAL)) {
            set.add("total = :total, currency = :currency");
            params.put("total", order.total());
            params.put("currency", order.currency());
        }
        if (changes.contains(Order.Change.LAST_EVENT)) {
            set.add("last_event_id = :lastEventId");
            params.put("lastEventId", order.lastEventId());
        }
        if (changes.contains(Order.Change.COMPLETION_ANNOUNCED)) {
            set.add("completion_announced = :completionAnnounced");
            params.put("completionAnnounced", order.completionAnnounced());
        }
        if (changes.contains(Order.Change.HELD)) {
            set.add("held_payment = :heldPayment, held_payment_at = :heldPaymentAt, held_shipment = :heldShipment,"
                    + " held_shipment_at = :heldShipmentAt");
            put(params, "heldPayment", order.held().payment());
            put(params, "heldShipment", order.held().shipment());
        }
        String sql = (with.isEmpty() ? "" : "with " + String.join(",\n", with) + "\n") + "update orders set "
                + String.join(", ", set) + " where id = :id";
        return Optional.of(new OrderChangeStatement(sql, params));
    }

    private static void put(Map<String, @Nullable Object> params, String name, HeldAnswers.@Nullable Held held) {
        params.put(name, held == null ? null : held.answer().event());
        params.put(name + "At", held == null ? null : Timestamp.from(held.learnedAt()));
    }

    /** The order's new timeline entries as rows of {@code (order_id, status, event, at)}. */
    static List<Object[]> timelineRows(Order order) {
        return order.newTimelineEntries().stream()
                .map(entry ->
                        new Object[] {order.id(), entry.status().name(), entry.event(), Timestamp.from(entry.at())})
                .toList();
    }
}
