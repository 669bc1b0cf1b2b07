package dev.orderflow.messaging.support;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.SagaEvent;
import dev.orderflow.events.ShippingAddress;
import dev.orderflow.events.Topics;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.messaging.Causation;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.testsupport.TopicReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** What messaging tests do again and again: write events, read topics and tables, read metrics. */
@Component
public class MessagingTestKit {

    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final MessagingProperties properties;
    private final MeterRegistry meters;
    private final Environment environment;
    private final TestHandlers handlers;
    private final KafkaTemplate<String, byte[]> kafka;

    MessagingTestKit(
            Outbox outbox,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            MessagingProperties properties,
            MeterRegistry meters,
            Environment environment,
            TestHandlers handlers,
            KafkaTemplate<String, byte[]> orderflowKafkaTemplate) {
        this.kafka = orderflowKafkaTemplate;
        this.outbox = outbox;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.properties = properties;
        this.meters = meters;
        this.environment = environment;
        this.handlers = handlers;
    }

    public static OrderPlaced orderPlaced(UUID orderId, String customerId) {
        return new OrderPlaced(
                orderId,
                customerId,
                "ana@example.com",
                List.of(new OrderLine("SKU-1", 2)),
                new ShippingAddress("Ana", "Main St 1", null, "Berlin", "10115", "DE"),
                Instant.parse("2026-11-22T10:00:00Z"));
    }

    public TestHandlers handlers() {
        return handlers;
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    public TransactionTemplate transactions() {
        return transactions;
    }

    public Topics topics() {
        return properties.topicNames();
    }

    /** Writes one event in its own committed transaction, as the first of its saga. */
    public EventEnvelope publish(SagaEvent event) {
        return transactions.execute(status -> outbox.publish(event, Causation.newSaga()));
    }

    /** Writes events in one committed transaction. */
    public List<EventEnvelope> publishAll(List<? extends SagaEvent> events) {
        return transactions.execute(status -> events.stream()
                .map(event -> outbox.publish(event, Causation.newSaga()))
                .toList());
    }

    public long appliedCount(String group, UUID orderId) {
        return jdbc.sql("select count(*) from applied_event where consumer_group = :group and order_id = :orderId")
                .param("group", group)
                .param("orderId", orderId)
                .query(Long.class)
                .single();
    }

    /** customer ids of the events a group applied for an order, in the order it applied them. */
    public List<String> appliedCustomerIds(String group, UUID orderId) {
        return jdbc.sql("select customer_id from applied_event where consumer_group = :group and order_id = :orderId"
                        + " order by applied_at")
                .param("group", group)
                .param("orderId", orderId)
                .query(String.class)
                .list();
    }

    /** Sends a record as it is, past the outbox: how tests put broken or foreign records on a topic. */
    public void sendRaw(String topic, String key, Map<String, String> headers, byte[] payload) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, value) -> recordHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            kafka.send(new ProducerRecord<>(topic, null, key, payload, recordHeaders))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send test record", e);
        }
    }

    /** The reasons of the dead letters recorded for a group and key, oldest first. */
    public List<String> deadLetterReasons(String group, String key) {
        return jdbc.sql(
                        "select reason from dead_letter where consumer_group = :group and message_key = :key order by id")
                .param("group", group)
                .param("key", key)
                .query(String.class)
                .list();
    }

    public long deadLetterId(String group, String key) {
        return jdbc.sql("select id from dead_letter where consumer_group = :group and message_key = :key order by id")
                .param("group", group)
                .param("key", key)
                .query(Long.class)
                .list()
                .getFirst();
    }

    public long unpublishedRows() {
        return jdbc.sql("select count(*) from outbox_event where published_at is null")
                .query(Long.class)
                .single();
    }

    public double counter(String name, String... tags) {
        return Search.in(meters).name(name).tags(tags).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    public String bootstrapServers() {
        return environment.getRequiredProperty("spring.kafka.bootstrap-servers");
    }

    /** Reads a topic from the beginning up to its end as of now, with a raw consumer outside any group. */
    public List<ConsumerRecord<String, byte[]>> readTopic(String topic) {
        return TopicReader.readAll(bootstrapServers(), topic);
    }
}
