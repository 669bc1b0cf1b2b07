package dev.orderflow.inventory.support;

import static org.awaitility.Awaitility.await;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.EventType;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.SagaEvent;
import dev.orderflow.events.ShippingAddress;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.inventory.catalog.Product;
import dev.orderflow.messaging.Causation;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.messaging.inbox.Inbox;
import dev.orderflow.messaging.testkit.PublishedEvents;
import dev.orderflow.testsupport.TopicReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives inventory through its real inputs and reads what it did: upstream events are written with inventory's own
 * outbox (which routes them to the orders topic it consumes), outgoing events are read from its outbox table.
 */
@Component
public class InventoryTestKit {

    public static final String GROUP = "inventory-service";
    public static final ShippingAddress ADDRESS =
            new ShippingAddress("Ana", "Main St 1", null, "Berlin", "10115", "DE");

    private final Outbox outbox;
    private final Inbox inbox;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final MessagingProperties messaging;
    private final Environment environment;

    InventoryTestKit(
            Outbox outbox,
            Inbox inbox,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            MessagingProperties messaging,
            Environment environment) {
        this.outbox = outbox;
        this.inbox = inbox;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.messaging = messaging;
        this.environment = environment;
    }

    /** A SKU no other test uses. */
    public static String newSku(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    public static OrderPlaced orderPlaced(UUID orderId, OrderLine... lines) {
        return new OrderPlaced(
                orderId, "c-42", "ana@example.com", List.of(lines), ADDRESS, Instant.parse("2026-11-22T10:00:00Z"));
    }

    /** A catalog entry with stock, written straight to the table as an operator's earlier calls would have left it. */
    public void product(String sku, String price, long stock) {
        jdbc.sql("""
                        insert into product (sku, name, price, currency, stocked, available)
                        values (:sku, :name, :price, 'EUR', :stock, :stock)
                        """)
                .param("sku", sku)
                .param("name", "Product " + sku)
                .param("price", new BigDecimal(price))
                .param("stock", stock)
                .update();
    }

    public Product stockOf(String sku) {
        return jdbc.sql("select sku, name, price, currency, stocked, available, reserved, sold from product"
                        + " where sku = :sku")
                .param("sku", sku)
                .query(Product.class)
                .single();
    }

    /** Writes an upstream event in its own committed transaction. */
    public EventEnvelope publish(SagaEvent event) {
        return transactions.execute(status -> outbox.publish(event, Causation.newSaga()));
    }

    public List<EventEnvelope> publishAll(List<? extends SagaEvent> events) {
        return transactions.execute(status -> events.stream()
                .map(event -> outbox.publish(event, Causation.newSaga()))
                .toList());
    }

    /** Waits until inventory's group has applied (or recognised as already applied) the event. */
    public void awaitHandled(EventEnvelope envelope) {
        await().atMost(Duration.ofSeconds(60)).until(() -> inbox.contains(GROUP, envelope.id()));
    }

    /** One event inventory published. */
    public record Published(String type, String payload, UUID causationId) {

        public <T extends SagaEvent> T as(EventType<T> expected) {
            if (!expected.name().equals(type)) {
                throw new AssertionError("expected " + expected + " but was " + type);
            }
            return EventJson.read(payload.getBytes(StandardCharsets.UTF_8), expected.payloadType());
        }
    }

    /** The events inventory published for an order, in order (its topic, then its outbox: the relay deletes rows). */
    public List<Published> publishedFor(UUID orderId) {
        return PublishedEvents.of(
                        jdbc,
                        environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                        messaging.topicNames().inventory(),
                        orderId.toString())
                .stream()
                .filter(event -> event.source().equals("inventory-service"))
                .map(event -> new Published(event.type(), event.payload(), event.causationId()))
                .toList();
    }

    /** Why inventory's group dead-lettered the order's events, oldest first. */
    public List<String> deadLetterReasons(UUID orderId) {
        return jdbc.sql(
                        "select reason from dead_letter where consumer_group = :group and message_key = :key order by id")
                .param("group", GROUP)
                .param("key", orderId.toString())
                .query(String.class)
                .list();
    }

    public String reservationState(UUID orderId) {
        return jdbc.sql("select state from reservation where order_id = :orderId")
                .param("orderId", orderId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    public String ordersTopic() {
        return messaging.topicNames().orders();
    }

    /** Reads a topic from the beginning up to its end as of now, with a raw consumer outside any group. */
    public List<ConsumerRecord<String, byte[]>> readTopic(String topic) {
        return TopicReader.readAll(environment.getRequiredProperty("spring.kafka.bootstrap-servers"), topic);
    }
}
