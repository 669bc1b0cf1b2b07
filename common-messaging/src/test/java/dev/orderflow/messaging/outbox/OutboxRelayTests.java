package dev.orderflow.messaging.outbox;

import static dev.orderflow.messaging.support.MessagingTestApplication.GROUP;
import static dev.orderflow.messaging.support.MessagingTestKit.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.EventJson;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.support.MessagingIntegrationTest;
import dev.orderflow.messaging.support.MessagingTestKit;
import dev.orderflow.messaging.tracing.TraceContextPropagation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

/** Relays started by the tests themselves (the context's own relay is off), to crash and race them. */
@MessagingIntegrationTest
@TestPropertySource(properties = "orderflow.messaging.relay.enabled=false")
class OutboxRelayTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final MessagingTestKit kit;
    private final DataSource dataSource;
    private final Relays relays;

    OutboxRelayTests(
            MessagingTestKit kit,
            DataSource dataSource,
            KafkaTemplate<String, byte[]> orderflowKafkaTemplate,
            TraceContextPropagation tracing,
            MessagingProperties properties) {
        this.kit = kit;
        this.dataSource = dataSource;
        this.relays = new Relays(dataSource, orderflowKafkaTemplate, tracing, properties.relay());
    }

    @AfterEach
    void stopRelays() {
        relays.close();
    }

    @Test
    void relayThatDiesAfterSendingAndBeforeMarkingRepublishesAndTheInboxAppliesTheDuplicateZeroTimes()
            throws Exception {
        UUID orderId = UUID.randomUUID();
        kit.publishAll(IntStream.range(0, 10)
                .mapToObj(i -> orderPlaced(orderId, "seq-" + i))
                .toList());
        double duplicatesBefore = kit.counter("orderflow.inbox.duplicates", "group", GROUP);

        // A relay that sends everything and dies before it marks a single row.
        Duration lease = relays.settings().lease();
        try (RelayConnection dying = new RelayConnection(dataSource, lease)) {
            assertThat(dying.tryLead("dying", lease)).isNotNull();
            OutboxPublisher.Result sent = relays.publisher().publish(dying.fetch(1000), UNFENCED);
            assertThat(sent.failure()).isNull();
            assertThat(sent.published()).hasSizeGreaterThanOrEqualTo(10);
        }
        await().atMost(WAIT).until(() -> kit.appliedCount(GROUP, orderId) == 10);
        assertThat(kit.unpublishedRows()).isGreaterThanOrEqualTo(10);

        relays.start("successor");
        await().atMost(WAIT).until(() -> kit.unpublishedRows() == 0);
        await().atMost(WAIT)
                .until(() -> kit.counter("orderflow.inbox.duplicates", "group", GROUP) - duplicatesBefore >= 10);
        assertThat(kit.appliedCount(GROUP, orderId)).isEqualTo(10);
        long delivered = kit.readTopic(kit.topics().orders()).stream()
                .filter(r -> orderId.toString().equals(r.key()))
                .count();
        assertThat(delivered).as("every event reached Kafka twice").isEqualTo(20);
    }

    @Test
    void twoRelaysOnOneTablePublishEveryRowWithNoPerKeyReordering() {
        List<UUID> orders =
                IntStream.range(0, 10).mapToObj(i -> UUID.randomUUID()).toList();
        int perOrder = 30;
        OutboxRelay first = relays.start("relay-a");
        OutboxRelay second = relays.start("relay-b");
        await().atMost(WAIT).until(() -> first.isLeader() || second.isLeader());

        Map<UUID, Integer> next = new HashMap<>();
        for (int tx = 0; tx < perOrder; tx++) {
            if (tx == perOrder / 2) {
                // The active relay goes away mid-stream; the standby must take over without reordering.
                OutboxRelay leader = first.isLeader() ? first : second;
                leader.stop();
            }
            List<OrderPlaced> batch = new ArrayList<>();
            for (UUID order : orders) {
                int seq = next.merge(order, 1, Integer::sum) - 1;
                batch.add(orderPlaced(order, "seq-" + seq));
            }
            kit.publishAll(batch);
        }

        await().atMost(WAIT).until(() -> kit.unpublishedRows() == 0);
        assertThat(first.isLeader() && second.isLeader()).isFalse();
        Set<String> keys = new HashSet<>(orders.stream().map(UUID::toString).toList());
        Map<String, List<Integer>> firstSeen = new LinkedHashMap<>();
        Set<String> seenIds = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : kit.readTopic(kit.topics().orders())) {
            String id = new String(record.headers().lastHeader("ce_id").value());
            if (keys.contains(record.key()) && seenIds.add(id)) {
                int seq = Integer.parseInt(EventJson.read(record.value(), OrderPlaced.class)
                        .customerId()
                        .substring("seq-".length()));
                firstSeen.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(seq);
            }
        }
        List<Integer> expected = IntStream.range(0, perOrder).boxed().toList();
        for (UUID order : orders) {
            assertThat(firstSeen.get(order.toString())).containsExactlyElementsOf(expected);
        }
        await().atMost(WAIT).until(() -> orders.stream().allMatch(o -> kit.appliedCount(GROUP, o) == perOrder));
    }

    @Test
    void aSendThatFailsIsNeverOvertakenByALaterEventOfItsKey() {
        UUID orderId = UUID.randomUUID();
        List<String> sent =
                kit
                        .publishAll(IntStream.range(0, 5)
                                .mapToObj(i -> orderPlaced(orderId, "seq-" + i))
                                .toList())
                        .stream()
                        .map(envelope -> envelope.id().toString())
                        .toList();
        // The second event's batch expires, as after the delivery time-out while the broker was unreachable.
        RecordingKafkaTemplate kafka = relays.recordingTemplate();
        kafka.expireFirstSendOf(sent.get(1));

        relays.start("relay", dataSource, kafka, relays.settings());

        await().atMost(WAIT).until(() -> kit.unpublishedRows() == 0);
        // This order's events only: rows other tests of this context left go out too.
        List<String> given = kafka.given().stream().filter(sent::contains).toList();
        int expired = given.indexOf(sent.get(1));
        assertThat(given.subList(expired + 1, given.size()))
                .as("what the relay handed the producer after the failed send, whose key comes back in order")
                .startsWith(sent.get(1), sent.get(2), sent.get(3), sent.get(4));
        assertThat(given.subList(0, expired + 1)).doesNotContain(sent.get(2), sent.get(3), sent.get(4));
        List<String> onTopic = kit.readTopic(kit.topics().orders()).stream()
                .filter(r -> orderId.toString().equals(r.key()))
                .map(r -> new String(r.headers().lastHeader("ce_id").value()))
                .distinct()
                .toList();
        assertThat(onTopic).containsExactlyElementsOf(sent);
    }

    /** A publisher's leadership that never runs out: for a relay driven by hand. */
    private static final OutboxPublisher.Leadership UNFENCED = () -> true;
}
