package dev.orderflow.messaging.inbox;

import static dev.orderflow.messaging.support.MessagingTestApplication.GROUP;
import static dev.orderflow.messaging.support.MessagingTestKit.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.Topics;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.support.MessagingIntegrationTest;
import dev.orderflow.messaging.support.MessagingTestKit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * A poll's records are applied in one inbox transaction; a record that fails in the middle of it is isolated: the records
 * before it commit, it goes to the dead-letter path, the ones after it are applied in the next batch, every one exactly
 * once and in order.
 */
@MessagingIntegrationTest
class BatchIsolationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final MessagingTestKit kit;
    private final EventConsumers consumers;
    private final MessagingProperties properties;

    BatchIsolationTests(MessagingTestKit kit, EventConsumers consumers, MessagingProperties properties) {
        this.kit = kit;
        this.consumers = consumers;
        this.properties = properties;
    }

    @Test
    void poisonRecordInTheMiddleOfABatchIsDeadLetteredAndTheOthersAreAppliedOnceInOrder() {
        UUID orderId = UUID.randomUUID();
        ConcurrentMessageListenerContainer<String, byte[]> container = container(properties.topicPrefix() + GROUP);
        container.pause();
        await().atMost(WAIT).until(container::isContainerPaused);
        try {
            send(orderId, "c-1");
            send(orderId, "c-2");
            sendPoison(orderId);
            send(orderId, "c-4");
            send(orderId, "c-5");
        } finally {
            container.resume();
        }

        await().atMost(WAIT).until(() -> kit.appliedCount(GROUP, orderId) == 4);
        await().atMost(WAIT)
                .until(() -> !kit.deadLetterReasons(GROUP, orderId.toString()).isEmpty());
        assertThat(kit.appliedCustomerIds(GROUP, orderId)).containsExactly("c-1", "c-2", "c-4", "c-5");
        assertThat(kit.deadLetterReasons(GROUP, orderId.toString())).containsExactly("INVALID_PAYLOAD");
        assertThat(kit.readTopic(Topics.deadLetter(kit.topics().orders(), GROUP)).stream()
                        .filter(r -> orderId.toString().equals(r.key())))
                .hasSize(1);
    }

    @Test
    void recordThatFailsTransientlyInABatchIsRetriedAloneWhileTheRecordsBeforeItStayApplied() {
        UUID first = UUID.randomUUID();
        UUID flaky = UUID.randomUUID();
        ConcurrentMessageListenerContainer<String, byte[]> container = container(properties.topicPrefix() + GROUP);
        kit.handlers().failTransiently(flaky, 2);
        container.pause();
        await().atMost(WAIT).until(container::isContainerPaused);
        try {
            send(first, "c-first");
            send(flaky, "c-flaky");
        } finally {
            container.resume();
        }

        await().atMost(WAIT).until(() -> kit.appliedCount(GROUP, flaky) == 1);
        assertThat(kit.appliedCount(GROUP, first)).isEqualTo(1);
        assertThat(kit.handlers().attempts(GROUP, first))
                .as("applied once; not run again when the record after it was retried")
                .isLessThanOrEqualTo(2);
        assertThat(kit.handlers().attempts(GROUP, flaky)).isEqualTo(3);
        assertThat(kit.deadLetterReasons(GROUP, flaky.toString())).isEmpty();
    }

    private void send(UUID orderId, String customerId) {
        EventEnvelope envelope = EventEnvelope.first(EventTypes.ORDER_PLACED, orderId, Instant.now());
        kit.sendRaw(
                kit.topics().orders(),
                orderId.toString(),
                envelope.toHeaders(),
                EventJson.write(orderPlaced(orderId, customerId)));
    }

    /** A handled type whose payload breaks its contract (no customer email). */
    private void sendPoison(UUID orderId) {
        EventEnvelope envelope = EventEnvelope.first(EventTypes.ORDER_PLACED, orderId, Instant.now());
        String missingEmail = "{\"orderId\":\"" + orderId + "\",\"customerId\":\"c-3\",\"items\":[{\"sku\":\"SKU-1\","
                + "\"quantity\":2}],\"shippingAddress\":{\"name\":\"Ana\",\"line1\":\"Main St 1\",\"city\":\"Berlin\","
                + "\"postalCode\":\"10115\",\"country\":\"DE\"},\"placedAt\":\"2026-11-22T10:00:00Z\"}";
        kit.sendRaw(
                kit.topics().orders(),
                orderId.toString(),
                envelope.toHeaders(),
                missingEmail.getBytes(StandardCharsets.UTF_8));
    }

    private ConcurrentMessageListenerContainer<String, byte[]> container(String groupId) {
        List<ConcurrentMessageListenerContainer<String, byte[]>> matching = consumers.containers().stream()
                .filter(c -> groupId.equals(c.getContainerProperties().getGroupId()))
                .toList();
        assertThat(matching).hasSize(1);
        return matching.getFirst();
    }
}
