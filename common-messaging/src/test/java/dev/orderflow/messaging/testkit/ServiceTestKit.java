package dev.orderflow.messaging.testkit;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.EventType;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.SagaEvent;
import dev.orderflow.events.Topics;
import dev.orderflow.messaging.Causation;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.messaging.partner.PartnerWork;
import dev.orderflow.messaging.partner.PartnerWorkItem;
import dev.orderflow.testsupport.TopicReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the integration tests of every service on common-messaging do again and again: put upstream events on their
 * topics through the service's own outbox (which routes each type to its producer's topic), redeliver one exactly as it
 * was, and read what the service applied, wrote, published, dead-lettered and called. Shipped in common-messaging's
 * test jar; a service's test configuration declares it as a bean ({@link #create}).
 */
public class ServiceTestKit {

    private final String group;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final MessagingProperties properties;
    private final MeterRegistry meters;
    private final Environment environment;
    private final KafkaTemplate<String, byte[]> kafka;
    private final ObjectProvider<PartnerWork> partnerWork;

    protected ServiceTestKit(ServiceTestKit parts) {
        this(
                parts.group,
                parts.outbox,
                parts.transactions,
                parts.jdbc,
                parts.properties,
                parts.meters,
                parts.environment,
                parts.kafka,
                parts.partnerWork);
    }

    private ServiceTestKit(
            String group,
            Outbox outbox,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            MessagingProperties properties,
            MeterRegistry meters,
            Environment environment,
            KafkaTemplate<String, byte[]> kafka,
            ObjectProvider<PartnerWork> partnerWork) {
        this.group = group;
        this.outbox = outbox;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.properties = properties;
        this.meters = meters;
        this.environment = environment;
        this.kafka = kafka;
        this.partnerWork = partnerWork;
    }

    /** The kit of the service whose consumer group is {@code group}, from its context's beans. */
    @SuppressWarnings("unchecked")
    public static ServiceTestKit create(String group, ApplicationContext context) {
        return create(
                group,
                context.getBean(Outbox.class),
                context.getBean(TransactionTemplate.class),
                context.getBean(JdbcClient.class),
                context.getBean(MessagingProperties.class),
                context.getBean(MeterRegistry.class),
                context.getEnvironment(),
                context.getBean("orderflowKafkaTemplate", KafkaTemplate.class),
                context.getBeanProvider(PartnerWork.class));
    }

    /** The kit of the service whose consumer group is {@code group}, from these beans. */
    public static ServiceTestKit create(
            String group,
            Outbox outbox,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            MessagingProperties properties,
            MeterRegistry meters,
            Environment environment,
            KafkaTemplate<String, byte[]> orderflowKafkaTemplate,
            ObjectProvider<PartnerWork> partnerWork) {
        return new ServiceTestKit(
                group,
                outbox,
                transactions,
                jdbc,
                properties,
                meters,
                environment,
                orderflowKafkaTemplate,
                partnerWork);
    }

    public String group() {
        return group;
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

    /** Writes an upstream event in its own committed transaction, as the first of its saga. */
    public EventEnvelope publish(SagaEvent event) {
        return transactions.execute(status -> outbox.publish(event, Causation.newSaga()));
    }

    /** Writes events in one committed transaction. */
    public List<EventEnvelope> publishAll(List<? extends SagaEvent> events) {
        return transactions.execute(status -> events.stream()
                .map(event -> outbox.publish(event, Causation.newSaga()))
                .toList());
    }

    /** Sends an event again exactly as it was first sent (same id and headers), as Kafka redelivers it. */
    public void redeliver(EventEnvelope envelope, SagaEvent event) {
        Map<String, String> headers = envelope.toHeaders();
        sendRaw(topics().of(EventTypes.of(event)), event.orderId().toString(), headers, EventJson.write(event));
    }

    /** Sends a record as it is, past the outbox: how tests put broken or foreign records on a topic. */
    public void sendRaw(String topic, String key, Map<String, String> headers, byte[] payload) {
        sendRaw(topic, key, headers, payload, null);
    }

    /** Sends a record as it is, with its Kafka timestamp set to {@code timestamp} (the producer's time if null). */
    public void sendRaw(
            String topic, String key, Map<String, String> headers, byte[] payload, @Nullable Instant timestamp) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, value) -> recordHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
        Long millis = timestamp == null ? null : timestamp.toEpochMilli();
        try {
            kafka.send(new ProducerRecord<>(topic, null, millis, key, payload, recordHeaders))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send test record", e);
        }
    }

    /**
     * The events of a type published for an order, oldest first: from its topic, and from the outbox while the relay has
     * not sent them yet (the relay deletes what Kafka acknowledged).
     */
    public <T extends SagaEvent> List<T> published(UUID orderId, Class<T> type) {
        EventType<T> eventType = EventTypes.of(type);
        return PublishedEvents.of(jdbc, bootstrapServers(), topics().of(eventType), orderId.toString()).stream()
                .filter(event -> event.type().equals(eventType.name()))
                .map(event -> EventJson.read(event.payloadBytes(), type))
                .toList();
    }

    /** The types of every event published on {@code topic} for an order, oldest first. */
    public List<String> publishedTypes(UUID orderId, String topic) {
        return PublishedEvents.of(jdbc, bootstrapServers(), topic, orderId.toString()).stream()
                .map(PublishedEvents.Event::type)
                .toList();
    }

    /** Whether the service's consumer group has applied this event (its inbox holds it). */
    public boolean applied(EventEnvelope envelope) {
        return jdbc.sql("select count(*) from inbox_event where consumer_group = :group and event_id = :id")
                        .param("group", group)
                        .param("id", envelope.id())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The reasons of the dead letters recorded for an order's key, oldest first. */
    public List<String> deadLetters(UUID orderId) {
        return jdbc.sql("select reason from dead_letter where message_key = :key order by id")
                .param("key", orderId.toString())
                .query(String.class)
                .list();
    }

    /** The partner work of an order, oldest first. */
    public List<PartnerWorkItem> partnerWork(UUID orderId) {
        return partnerWork.getObject().ofOrder(orderId);
    }

    /** The order's partner work of one action, if any. */
    public Optional<PartnerWorkItem> partnerWork(UUID orderId, String action) {
        return partnerWork(orderId).stream()
                .filter(work -> work.action().equals(action))
                .findFirst();
    }

    public double counter(String name, String... tags) {
        return Search.in(meters).name(name).tags(tags).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    /** The value of a gauge, NaN if the service has none by that name. */
    public double gauge(String name, String... tags) {
        return Search.in(meters).name(name).tags(tags).gauges().stream()
                .mapToDouble(Gauge::value)
                .sum();
    }

    public String bootstrapServers() {
        return environment.getRequiredProperty("spring.kafka.bootstrap-servers");
    }

    /** Reads a topic from the beginning up to its end as of now, with a raw consumer outside any group. */
    public List<ConsumerRecord<String, byte[]>> readTopic(String topic) {
        return TopicReader.readAll(bootstrapServers(), topic);
    }

    /** The records of an order on a topic, read from the beginning. */
    public List<ConsumerRecord<String, byte[]>> records(String topic, UUID orderId) {
        return readTopic(topic).stream()
                .filter(record -> orderId.toString().equals(record.key()))
                .toList();
    }
}
