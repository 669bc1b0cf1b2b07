package dev.orderflow.order;

import static dev.orderflow.order.support.OrderTestKit.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.events.EventTypes;
import dev.orderflow.messaging.health.KafkaHealthIndicator;
import dev.orderflow.order.support.OrderServiceIntegrationTest;
import dev.orderflow.order.support.OrderTestKit;
import dev.orderflow.order.support.SagaEvents;
import dev.orderflow.testsupport.DedicatedKafka;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * SPEC §5: while the broker is away the order API stays ready and keeps accepting orders into the outbox; they are
 * published and completed once it is back. On a broker of the test's own that is down when the service starts; the
 * shared broker is never touched.
 */
@OrderServiceIntegrationTest
@TestPropertySource(
        properties = {
            "orderflow.messaging.topics.create=false",
            // Kafka's state is checked at this interval (orderflow_kafka_reachable).
            "orderflow.messaging.consumer.lag-interval=1s"
        })
class OrdersDuringAKafkaOutageTests {

    private static final DedicatedKafka KAFKA = DedicatedKafka.onFreePort();
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final MockMvc mvc;
    private final OrderTestKit kit;
    private final MeterRegistry meters;

    OrdersDuringAKafkaOutageTests(MockMvc mvc, OrderTestKit kit, MeterRegistry meters) {
        this.mvc = mvc;
        this.kit = kit;
        this.meters = meters;
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
    }

    @AfterAll
    static void stopKafka() {
        KAFKA.close();
    }

    @Test
    void ordersAreAcceptedWhileKafkaIsDownAndCompletedAfterItReturns() throws Exception {
        await().atMost(WAIT).until(() -> kafkaReachable() == 0);
        mvc.perform(get("/actuator/health/readiness"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.components.kafka.status").value("DOWN"))
                .andExpect(jsonPath("$.components.db.status").value("UP"));

        List<UUID> orders = IntStream.range(0, 3)
                .mapToObj(i -> kit.place(customer("kafka-outage")))
                .toList();

        for (UUID id : orders) {
            assertThat(kit.order(id).status()).isEqualTo(OrderStatus.PENDING);
            assertThat(unpublishedOrderPlaced(id))
                    .as("OrderPlaced of %s waits in the outbox", id)
                    .isEqualTo(1);
        }

        KAFKA.start();

        await().atMost(WAIT).until(() -> kafkaReachable() == 1);
        mvc.perform(get("/actuator/health"))
                .andExpect(jsonPath("$.components.kafka.status").value("UP"));
        for (UUID id : orders) {
            await().atMost(WAIT).until(() -> unpublishedOrderPlaced(id) == 0);
            kit.inject(SagaEvents.stockReserved(id));
            kit.awaitTimeline(id, "StockReserved");
            kit.inject(SagaEvents.paymentAuthorized(id));
            kit.awaitTimeline(id, "PaymentAuthorized");
            kit.inject(SagaEvents.shipmentScheduled(id));
        }
        for (UUID id : orders) {
            Order completed = kit.awaitOrder(id, order -> order.status() == OrderStatus.COMPLETED);
            assertThat(completed.total()).isEqualByComparingTo(SagaEvents.TOTAL);
        }
    }

    private double kafkaReachable() {
        return meters.get(KafkaHealthIndicator.REACHABLE_METRIC).gauge().value();
    }

    private long unpublishedOrderPlaced(UUID orderId) {
        return kit.jdbc()
                .sql("select count(*) from outbox_event where message_key = :key and event_type = :type"
                        + " and published_at is null")
                .param("key", orderId.toString())
                .param("type", EventTypes.ORDER_PLACED.name())
                .query(Long.class)
                .single();
    }
}
