package dev.orderflow.messaging;

import static dev.orderflow.messaging.support.MessagingTestApplication.GROUP;
import static dev.orderflow.messaging.support.MessagingTestKit.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.messaging.support.MessagingIntegrationTest;
import dev.orderflow.messaging.support.MessagingTestKit;
import dev.orderflow.testsupport.DedicatedKafka;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The service runs against a broker of its own that is down at first; the shared broker is never touched. */
@MessagingIntegrationTest
@TestPropertySource(properties = "orderflow.messaging.topics.create=false")
class KafkaOutageTests {

    private static final DedicatedKafka KAFKA = DedicatedKafka.onFreePort();

    private final MessagingTestKit kit;

    KafkaOutageTests(MessagingTestKit kit) {
        this.kit = kit;
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
    void kafkaUnavailableRowsWaitAndAreAllPublishedOnceItIsBack() {
        UUID orderId = UUID.randomUUID();
        List<OrderPlaced> events = IntStream.range(0, 20)
                .mapToObj(i -> orderPlaced(orderId, "seq-" + i))
                .toList();
        kit.publishAll(events);

        await().atMost(Duration.ofSeconds(60)).until(() -> kit.counter("orderflow.outbox.publish.failures") >= 1);
        assertThat(kit.unpublishedRows()).isEqualTo(20);

        KAFKA.start();

        await().atMost(Duration.ofSeconds(90)).until(() -> kit.unpublishedRows() == 0);
        await().atMost(Duration.ofSeconds(90)).until(() -> kit.appliedCount(GROUP, orderId) == 20);
        assertThat(kit.appliedCustomerIds(GROUP, orderId))
                .containsExactlyElementsOf(
                        IntStream.range(0, 20).mapToObj(i -> "seq-" + i).toList());
    }
}
