package dev.orderflow.shipping.support;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.SagaEvent;
import dev.orderflow.events.ShippingAddress;
import dev.orderflow.events.order.CancellationReasons;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.messaging.Causation;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What shipping tests do again and again: put upstream events on their topics through the service's own outbox (which
 * routes each type to its producer's topic), and read what the service wrote and published.
 */
public class ShippingTestKit {

    public static final String GROUP = "shipping-service";
    public static final String EMAIL = "ana@example.com";

    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final MessagingProperties properties;
    private final MeterRegistry meters;

    ShippingTestKit(
            Outbox outbox,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            MessagingProperties properties,
            MeterRegistry meters) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.properties = properties;
        this.meters = meters;
    }

    public static ShippingAddress address(String country) {
        return new ShippingAddress("Ana", "Main St 1", null, "Berlin", "10115", country);
    }

    public static PaymentAuthorized paymentAuthorized(UUID orderId, String country) {
        return new PaymentAuthorized(
                orderId, UUID.randomUUID(), new BigDecimal("25.00"), "EUR", EMAIL, address(country));
    }

    public static OrderCancelled orderCancelled(UUID orderId) {
        return new OrderCancelled(orderId, CancellationReasons.CUSTOMER_CANCELLED, EMAIL);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** Writes an upstream event in its own committed transaction; the relay puts it on its producer's topic. */
    public EventEnvelope publish(SagaEvent event) {
        return transactions.execute(status -> outbox.publish(event, Causation.newSaga()));
    }

    /** The events of a type the service wrote to its outbox for an order, oldest first. */
    public <T extends SagaEvent> List<T> published(UUID orderId, Class<T> type) {
        return jdbc
                .sql("select payload from outbox_event where message_key = :key and event_type = :type order by id")
                .param("key", orderId.toString())
                .param("type", EventTypes.of(type).name())
                .query(String.class)
                .list()
                .stream()
                .map(payload -> EventJson.read(payload.getBytes(StandardCharsets.UTF_8), type))
                .toList();
    }

    /** The types of every event the service published on its own topic for an order, oldest first. */
    public List<String> publishedTypes(UUID orderId) {
        return jdbc.sql("select event_type from outbox_event where message_key = :key and topic = :topic order by id")
                .param("key", orderId.toString())
                .param("topic", properties.topicNames().shipping())
                .query(String.class)
                .list();
    }

    /** The order's shipment row as stored, if any. */
    public Optional<Map<String, Object>> shipment(UUID orderId) {
        return jdbc
                .sql("select * from shipment where order_id = :orderId")
                .param("orderId", orderId)
                .query()
                .listOfRows()
                .stream()
                .findFirst();
    }

    public String status(UUID orderId) {
        return shipment(orderId).map(row -> (String) row.get("status")).orElse("NONE");
    }

    /** Whether shipping-service has applied this event (its inbox holds it). */
    public boolean applied(EventEnvelope envelope) {
        return jdbc.sql("select count(*) from inbox_event where consumer_group = :group and event_id = :id")
                        .param("group", GROUP)
                        .param("id", envelope.id())
                        .query(Long.class)
                        .single()
                > 0;
    }

    public List<String> deadLetters(UUID orderId) {
        return jdbc.sql("select reason from dead_letter where message_key = :key")
                .param("key", orderId.toString())
                .query(String.class)
                .list();
    }

    public double counter(String name, String... tags) {
        return Search.in(meters).name(name).tags(tags).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
