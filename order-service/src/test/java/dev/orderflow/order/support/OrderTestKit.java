package dev.orderflow.order.support;

import static org.awaitility.Awaitility.await;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.SagaEvent;
import dev.orderflow.events.Topics;
import dev.orderflow.messaging.Causation;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.messaging.testkit.PublishedEvents;
import dev.orderflow.order.Order;
import dev.orderflow.order.Orders;
import dev.orderflow.order.TimelineEntry;
import dev.orderflow.testsupport.TopicReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What order-service tests do again and again: place orders, inject upstream events, read what the service wrote. */
@Component
public class OrderTestKit {

    public static final Duration WAIT = Duration.ofSeconds(60);

    private final MockMvc mvc;
    private final Orders orders;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final MessagingProperties messaging;
    private final MeterRegistry meters;
    private final Environment environment;

    OrderTestKit(
            MockMvc mvc,
            Orders orders,
            Outbox outbox,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            JsonMapper json,
            MessagingProperties messaging,
            MeterRegistry meters,
            Environment environment) {
        this.mvc = mvc;
        this.orders = orders;
        this.outbox = outbox;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.json = json;
        this.messaging = messaging;
        this.meters = meters;
        this.environment = environment;
    }

    /** A request body in the API's shape with the given lines (SKU → quantity, in order). */
    public static String orderBody(String customerId, Map<String, Integer> lines) {
        String items = lines.entrySet().stream()
                .map(line -> "{\"sku\":\"" + line.getKey() + "\",\"quantity\":" + line.getValue() + "}")
                .collect(Collectors.joining(","));
        return """
                {"customerId":"%s","customerEmail":"ana@example.com","items":[%s],
                 "shippingAddress":{"name":"Ana","line1":"Main St 1","city":"Berlin","postalCode":"10115","country":"DE"}}
                """.formatted(customerId, items);
    }

    public static String customer(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** SKU → quantity, in the order given. */
    public static Map<String, Integer> lines(Object... skuThenQuantity) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (int i = 0; i < skuThenQuantity.length; i += 2) {
            lines.put((String) skuThenQuantity[i], (Integer) skuThenQuantity[i + 1]);
        }
        return lines;
    }

    /** Places an order of two SKU-1 and one SKU-2 through the API and returns its id. */
    public UUID place(String customerId) {
        return placeOrder(orderBody(customerId, lines("SKU-1", 2, "SKU-2", 1)));
    }

    public UUID placeOrder(String body) {
        try {
            MvcResult result = mvc.perform(MockMvcRequestBuilders.post("/api/orders")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body))
                    .andReturn();
            if (result.getResponse().getStatus() != 202) {
                throw new AssertionError(
                        "placing failed: " + result.getResponse().getContentAsString());
            }
            return UUID.fromString(json.readTree(result.getResponse().getContentAsString())
                    .get("id")
                    .asString());
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    public JsonNode readJson(MvcResult result) throws Exception {
        return readJson(result.getResponse());
    }

    public JsonNode readJson(MockHttpServletResponse response) throws Exception {
        return json.readTree(response.getContentAsString());
    }

    public static String body(MockHttpServletResponse response) {
        try {
            return response.getContentAsString();
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Order order(UUID id) {
        return orders.find(id).orElseThrow();
    }

    /**
     * Publishes an upstream event the way its producer would, caused by {@code cause} within the order's saga: the
     * service's own outbox routes it to its producer's topic, where the service consumes it.
     */
    public EventEnvelope inject(SagaEvent event, UUID cause) {
        UUID correlationId = correlationId(event.orderId());
        return transactions.execute(status -> outbox.publish(event, Causation.of(correlationId, cause)));
    }

    /** Publishes an upstream event caused by the order's OrderPlaced. */
    public EventEnvelope inject(SagaEvent event) {
        return inject(event, correlationId(event.orderId()));
    }

    public UUID correlationId(UUID orderId) {
        return jdbc.sql("select correlation_id from orders where id = :id")
                .param("id", orderId)
                .query(UUID.class)
                .single();
    }

    /** Waits until the order's timeline has {@code count} entries for the event, i.e. the service handled them. */
    public Order awaitTimeline(UUID orderId, String event, int count) {
        await().atMost(WAIT)
                .until(() -> order(orderId).timeline().stream()
                                .filter(e -> e.event().equals(event))
                                .count()
                        >= count);
        return order(orderId);
    }

    public Order awaitTimeline(UUID orderId, String event) {
        return awaitTimeline(orderId, event, 1);
    }

    /**
     * Waits until the service has handled an injected event: its inbox has recorded it, in the transaction that applied
     * it. For an event that leaves no trace in the order's view, such as an answer the order holds.
     */
    public void awaitHandled(EventEnvelope event) {
        await().atMost(WAIT)
                .until(() ->
                        jdbc.sql("select count(*) from inbox_event where consumer_group = :group and event_id = :id")
                                        .param("group", "order-service")
                                        .param("id", event.id())
                                        .query(Long.class)
                                        .single()
                                == 1);
    }

    /** Takes the order through the saga's happy path, each step handled before the next is sent, and returns it. */
    public Order complete(UUID orderId) {
        inject(SagaEvents.stockReserved(orderId));
        awaitTimeline(orderId, "StockReserved");
        inject(SagaEvents.paymentAuthorized(orderId));
        awaitTimeline(orderId, "PaymentAuthorized");
        inject(SagaEvents.shipmentScheduled(orderId));
        return awaitTimeline(orderId, "ShipmentScheduled");
    }

    public Order awaitOrder(UUID orderId, Predicate<Order> condition) {
        await().atMost(WAIT).until(() -> condition.test(order(orderId)));
        return order(orderId);
    }

    public static List<String> events(Order order) {
        return order.timeline().stream().map(TimelineEntry::event).toList();
    }

    /** An event order-service published. */
    public record Published(String type, UUID eventId, UUID correlationId, UUID causationId, JsonNode payload) {}

    /**
     * What order-service published for the order, oldest first (its own events only, not injected ones): its topic, then
     * its outbox (the relay deletes what Kafka acknowledged).
     */
    public List<Published> published(UUID orderId) {
        return PublishedEvents.of(
                        jdbc,
                        environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                        messaging.topicNames().orders(),
                        orderId.toString())
                .stream()
                .filter(event -> event.source().equals("order-service"))
                .map(event -> new Published(
                        event.type(),
                        event.id(),
                        event.correlationId(),
                        event.causationId(),
                        json.readTree(event.payload())))
                .toList();
    }

    public List<Published> published(UUID orderId, String type) {
        return published(orderId).stream().filter(p -> p.type().equals(type)).toList();
    }

    /** How many orders the customer has in the database. */
    public long ordersOf(String customerId) {
        return jdbc.sql("select count(*) from orders where customer_id = :customer")
                .param("customer", customerId)
                .query(Long.class)
                .single();
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    public Topics topics() {
        return messaging.topicNames();
    }

    public double counter(String name, String... tags) {
        return Search.in(meters).name(name).tags(tags).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    public long timerCount(String name, String... tags) {
        return Search.in(meters).name(name).tags(tags).timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }

    /** Reads a topic from the beginning to its current end with a raw consumer outside any group. */
    public List<ConsumerRecord<String, byte[]>> readTopic(String topic) {
        return TopicReader.readAll(environment.getRequiredProperty("spring.kafka.bootstrap-servers"), topic);
    }
}
