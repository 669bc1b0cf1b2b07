package dev.orderflow.payment.support;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.PricedLine;
import dev.orderflow.events.SagaEvent;
import dev.orderflow.events.ShippingAddress;
import dev.orderflow.events.Topics;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.order.CancellationReasons;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.messaging.Causation;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.testsupport.TopicReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What payment tests do again and again: put upstream events on their topics through the service's own outbox (which
 * routes each type to its producer's topic), redeliver one as it was, and read what the service wrote and published.
 */
public class PaymentTestKit {

    public static final String GROUP = "payment-service";
    public static final ShippingAddress ADDRESS =
            new ShippingAddress("Ana", "Main St 1", null, "Berlin", "10115", "DE");
    public static final String EMAIL = "ana@example.com";

    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final MessagingProperties properties;
    private final MeterRegistry meters;
    private final Environment environment;
    private final KafkaTemplate<String, byte[]> kafka;

    PaymentTestKit(
            Outbox outbox,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            MessagingProperties properties,
            MeterRegistry meters,
            Environment environment,
            KafkaTemplate<String, byte[]> kafka) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.properties = properties;
        this.meters = meters;
        this.environment = environment;
        this.kafka = kafka;
    }

    public static StockReserved stockReserved(UUID orderId, String customerId, String total) {
        BigDecimal amount = new BigDecimal(total);
        return new StockReserved(
                orderId,
                UUID.randomUUID(),
                customerId,
                EMAIL,
                ADDRESS,
                List.of(new PricedLine("SKU-1", 1, amount)),
                amount,
                "EUR");
    }

    public static OrderCancelled orderCancelled(UUID orderId) {
        return new OrderCancelled(orderId, CancellationReasons.CUSTOMER_CANCELLED, EMAIL);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    public Topics topics() {
        return properties.topicNames();
    }

    /** Writes an upstream event in its own committed transaction; the relay puts it on its producer's topic. */
    public EventEnvelope publish(SagaEvent event) {
        return transactions.execute(status -> outbox.publish(event, Causation.newSaga()));
    }

    /** Sends an event again exactly as it was first sent (same id and headers), as Kafka redelivers it. */
    public void redeliver(EventEnvelope envelope, SagaEvent event) {
        RecordHeaders headers = new RecordHeaders();
        envelope.toHeaders().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        String topic = topics().of(EventTypes.of(event));
        try {
            kafka.send(new ProducerRecord<>(topic, null, event.orderId().toString(), EventJson.write(event), headers))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not redeliver " + envelope.type(), e);
        }
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
                .param("topic", topics().payments())
                .query(String.class)
                .list();
    }

    /** The order's payment row as stored, if any. */
    public Optional<Map<String, Object>> payment(UUID orderId) {
        return jdbc
                .sql("select * from payment where order_id = :orderId")
                .param("orderId", orderId)
                .query()
                .listOfRows()
                .stream()
                .findFirst();
    }

    public String status(UUID orderId) {
        return payment(orderId).map(row -> (String) row.get("status")).orElse("NONE");
    }

    public UUID paymentId(UUID orderId) {
        return (UUID) payment(orderId).orElseThrow().get("payment_id");
    }

    /** Whether payment-service has applied this event (its inbox holds it). */
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

    /** The records of an order on a topic, read from the beginning with a raw consumer outside any group. */
    public List<ConsumerRecord<String, byte[]>> records(String topic, UUID orderId) {
        return TopicReader.readAll(environment.getRequiredProperty("spring.kafka.bootstrap-servers"), topic).stream()
                .filter(record -> orderId.toString().equals(record.key()))
                .toList();
    }
}
