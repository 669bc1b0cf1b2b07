package dev.orderflow.messaging.support;

import dev.orderflow.events.OrderLine;
import dev.orderflow.events.ShippingAddress;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.messaging.partner.PartnerWork;
import dev.orderflow.messaging.testkit.ServiceTestKit;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** What messaging tests do again and again: write events, read topics and tables, read metrics. */
@Component
public class MessagingTestKit extends ServiceTestKit {

    private final TestHandlers handlers;

    MessagingTestKit(
            Outbox outbox,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            MessagingProperties properties,
            MeterRegistry meters,
            Environment environment,
            TestHandlers handlers,
            KafkaTemplate<String, byte[]> orderflowKafkaTemplate,
            ObjectProvider<PartnerWork> partnerWork) {
        super(ServiceTestKit.create(
                MessagingTestApplication.GROUP,
                outbox,
                transactions,
                jdbc,
                properties,
                meters,
                environment,
                orderflowKafkaTemplate,
                partnerWork));
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

    public long appliedCount(String group, UUID orderId) {
        return jdbc().sql("select count(*) from applied_event where consumer_group = :group and order_id = :orderId")
                .param("group", group)
                .param("orderId", orderId)
                .query(Long.class)
                .single();
    }

    /** customer ids of the events a group applied for an order, in the order it applied them. */
    public List<String> appliedCustomerIds(String group, UUID orderId) {
        return jdbc().sql("select customer_id from applied_event where consumer_group = :group and order_id = :orderId"
                        + " order by applied_at")
                .param("group", group)
                .param("orderId", orderId)
                .query(String.class)
                .list();
    }

    /** The reasons of the dead letters recorded for a group and key, oldest first. */
    public List<String> deadLetterReasons(String group, String key) {
        return jdbc().sql(
                        "select reason from dead_letter where consumer_group = :group and message_key = :key order by id")
                .param("group", group)
                .param("key", key)
                .query(String.class)
                .list();
    }

    public long deadLetterId(String group, String key) {
        return jdbc().sql("select id from dead_letter where consumer_group = :group and message_key = :key order by id")
                .param("group", group)
                .param("key", key)
                .query(Long.class)
                .list()
                .getFirst();
    }

    public long unpublishedRows() {
        return jdbc().sql("select count(*) from outbox_event where published_at is null")
                .query(Long.class)
                .single();
    }
}
