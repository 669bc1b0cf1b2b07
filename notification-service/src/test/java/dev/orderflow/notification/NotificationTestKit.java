package dev.orderflow.notification;

import dev.orderflow.events.CloudEventHeaders;
import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.SagaEvent;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.order.OrderCompleted;
import dev.orderflow.messaging.Causation;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.messaging.inbox.Inbox;
import dev.orderflow.testsupport.TopicReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Drives the service through its real inputs (events on the orders topic) and reads what it did. */
@Component
class NotificationTestKit {

    static final String CUSTOMER_EMAIL = "ana@example.com";

    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final Inbox inbox;
    private final MessagingProperties messaging;
    private final MeterRegistry meters;
    private final Environment environment;
    private final KafkaTemplate<String, byte[]> kafka;

    NotificationTestKit(
            Outbox outbox,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            Notifications notifications,
            Inbox inbox,
            MessagingProperties messaging,
            MeterRegistry meters,
            Environment environment,
            KafkaTemplate<String, byte[]> orderflowKafkaTemplate) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.inbox = inbox;
        this.messaging = messaging;
        this.meters = meters;
        this.environment = environment;
        this.kafka = orderflowKafkaTemplate;
    }

    static OrderCompleted completed(UUID orderId) {
        return new OrderCompleted(orderId, new BigDecimal("42.50"), "EUR", CUSTOMER_EMAIL);
    }

    static OrderCancelled cancelled(UUID orderId, String reason) {
        return new OrderCancelled(orderId, reason, CUSTOMER_EMAIL);
    }

    /**
     * Writes an upstream event through this service's outbox, which routes it to its producer's topic (the orders
     * topic), where this service consumes it like one from order-service.
     */
    EventEnvelope publish(SagaEvent event) {
        return transactions.execute(status -> outbox.publish(event, Causation.newSaga()));
    }

    List<Notification> notifications(UUID orderId) {
        return notifications.ofOrder(orderId);
    }

    Notification notification(UUID orderId, String channel) {
        return notifications(orderId).stream()
                .filter(n -> n.channel().equals(channel))
                .findFirst()
                .orElseThrow(() -> new AssertionError("order " + orderId + " has no " + channel + " notification"));
    }

    /** Adds notifications directly, in one transaction, as the outcome handlers would. */
    void addAll(List<Notification> added) {
        transactions.executeWithoutResult(status -> added.forEach(notifications::add));
    }

    boolean applied(UUID eventId) {
        return inbox.contains(OrderEventHandlers.GROUP, eventId);
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    double counter(String name, String... tags) {
        return Search.in(meters).name(name).tags(tags).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    /** Sends the very record that carried an event once more, as a redelivery after a consumer crash would. */
    void redeliver(EventEnvelope envelope) {
        String topic = messaging.topicNames().orders();
        ConsumerRecord<String, byte[]> original = readTopic(topic).stream()
                .filter(r -> envelope.id().toString().equals(header(r, CloudEventHeaders.ID)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("event " + envelope.id() + " not on " + topic));
        try {
            kafka.send(new ProducerRecord<>(topic, null, original.key(), original.value(), original.headers()))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not redeliver " + envelope.id(), e);
        }
    }

    private List<ConsumerRecord<String, byte[]>> readTopic(String topic) {
        return TopicReader.readAll(environment.getRequiredProperty("spring.kafka.bootstrap-servers"), topic);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
