package dev.orderflow.messaging;

import static dev.orderflow.messaging.support.MessagingTestApplication.GROUP;
import static dev.orderflow.messaging.support.MessagingTestApplication.OTHER_GROUP;
import static dev.orderflow.messaging.support.MessagingTestKit.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.DeadLetterHeaders;
import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.ShippingAddress;
import dev.orderflow.events.Topics;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.messaging.deadletter.DeadLetters;
import dev.orderflow.messaging.support.MessagingIntegrationTest;
import dev.orderflow.messaging.support.MessagingTestKit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * SPEC §5, provenance: the test service's groups read the orders topic, whose producer is order-service. A record there
 * that names another source, or carries another producer's event type, is dead-lettered as WRONG_PRODUCER before any
 * handler runs; a type nobody knows yet, from order-service, is still skipped and counted.
 */
@MessagingIntegrationTest
class EventProvenanceTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String WRONG_PRODUCER = "WRONG_PRODUCER";

    private final MessagingTestKit kit;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;

    EventProvenanceTests(MessagingTestKit kit, DeadLetters deadLetters, MeterRegistry meters) {
        this.kit = kit;
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    @Test
    void eventNamingAnotherSourceIsDeadLetteredAsWrongProducerBeforeAnyHandlerRuns() {
        UUID orderId = UUID.randomUUID();
        double deadLetteredBefore = deadLettered(GROUP);
        sendAs(
                "payment-service",
                EventTypes.ORDER_PLACED.name(),
                orderId,
                EventJson.write(orderPlaced(orderId, "c-forged")));
        kit.publish(orderPlaced(orderId, "c-genuine"));

        // The genuine event behind it is applied; the forged one never reaches a handler, in either group.
        await().atMost(WAIT).until(() -> kit.appliedCount(GROUP, orderId) == 1);
        assertThat(kit.appliedCustomerIds(GROUP, orderId)).containsExactly("c-genuine");
        assertThat(kit.handlers().attempts(GROUP, orderId)).isEqualTo(1);
        await().atMost(WAIT).until(() -> kit.appliedCount(OTHER_GROUP, orderId) == 1);
        assertThat(kit.appliedCustomerIds(OTHER_GROUP, orderId)).containsExactly("c-genuine");

        await().atMost(WAIT)
                .until(() -> !kit.deadLetterReasons(GROUP, orderId.toString()).isEmpty()
                        && !kit.deadLetterReasons(OTHER_GROUP, orderId.toString())
                                .isEmpty());
        assertThat(kit.deadLetterReasons(GROUP, orderId.toString())).containsExactly(WRONG_PRODUCER);
        assertThat(kit.deadLetterReasons(OTHER_GROUP, orderId.toString())).containsExactly(WRONG_PRODUCER);
        ConsumerRecord<String, byte[]> deadLetter = kit.records(
                        Topics.deadLetter(kit.topics().orders(), GROUP), orderId)
                .getFirst();
        assertThat(header(deadLetter, DeadLetterHeaders.REASON)).isEqualTo(WRONG_PRODUCER);
        assertThat(header(deadLetter, DeadLetterHeaders.DETAIL))
                .contains("ce_source 'payment-service' is not order-service, the producer of "
                        + kit.topics().orders());
        // Counted by reason: alert EventProvenanceViolated watches this series.
        await().atMost(WAIT).until(() -> deadLettered(GROUP) - deadLetteredBefore >= 1);
    }

    @Test
    void anotherProducersKnownTypeOnATopicIsDeadLetteredThoughNoHandlerOfTheGroupTakesIt() {
        // The attack confirmed on the running platform: PaymentAuthorized written to the orders topic with
        // order-service's
        // credentials, for an order nobody placed. These groups handle no payment event, and still refuse it.
        UUID orderId = UUID.randomUUID();
        double skippedBefore =
                kit.counter("orderflow.consumer.skipped", "group", GROUP, "type", EventTypes.PAYMENT_AUTHORIZED.name());
        PaymentAuthorized forged = new PaymentAuthorized(
                orderId,
                UUID.randomUUID(),
                new BigDecimal("59.80"),
                "EUR",
                "mallory@example.com",
                new ShippingAddress("Mallory", "Dock 9", null, "Hamburg", "20457", "DE"));
        sendAs("order-service", EventTypes.PAYMENT_AUTHORIZED.name(), orderId, EventJson.write(forged));

        await().atMost(WAIT)
                .until(() -> !kit.deadLetterReasons(GROUP, orderId.toString()).isEmpty()
                        && !kit.deadLetterReasons(OTHER_GROUP, orderId.toString())
                                .isEmpty());
        assertThat(kit.deadLetterReasons(GROUP, orderId.toString())).containsExactly(WRONG_PRODUCER);
        assertThat(kit.deadLetterReasons(OTHER_GROUP, orderId.toString())).containsExactly(WRONG_PRODUCER);
        assertThat(detail(GROUP, orderId))
                .contains(EventTypes.PAYMENT_AUTHORIZED.name() + " is an event type of payment-service, not of"
                        + " order-service");
        assertThat(kit.counter(
                        "orderflow.consumer.skipped", "group", GROUP, "type", EventTypes.PAYMENT_AUTHORIZED.name()))
                .isEqualTo(skippedBefore);
        assertThat(kit.handlers().attempts(GROUP, orderId)).isZero();
    }

    @Test
    void unknownTypeIsSkippedFromTheTopicsProducerAndDeadLetteredFromAnyOtherSource() {
        UUID fromProducer = UUID.randomUUID();
        UUID fromIntruder = UUID.randomUUID();
        String future = "dev.orderflow.order.gift-wrapped.v1";
        double skippedBefore = kit.counter("orderflow.consumer.skipped", "group", GROUP, "type", "unknown");
        sendAs("order-service", future, fromProducer, giftWrapped(fromProducer));
        kit.publish(orderPlaced(fromProducer, "c-after-future-type"));
        sendAs("inventory-service", future, fromIntruder, giftWrapped(fromIntruder));

        // A rolling upgrade that adds a type to order-service breaks nobody: skipped and counted, never dead-lettered.
        await().atMost(WAIT).until(() -> kit.appliedCount(GROUP, fromProducer) == 1);
        assertThat(kit.counter("orderflow.consumer.skipped", "group", GROUP, "type", "unknown") - skippedBefore)
                .isGreaterThanOrEqualTo(1);
        // The same type from a source that is not the topic's producer is refused.
        await().atMost(WAIT)
                .until(() ->
                        !kit.deadLetterReasons(GROUP, fromIntruder.toString()).isEmpty());
        assertThat(kit.deadLetterReasons(GROUP, fromIntruder.toString())).containsExactly(WRONG_PRODUCER);
        assertThat(kit.deadLetterReasons(GROUP, fromProducer.toString())).isEmpty();
    }

    @Test
    void aRefusedRecordCannotBeReplayedIntoAHandler() {
        UUID orderId = UUID.randomUUID();
        sendAs(
                "shipping-service",
                EventTypes.ORDER_CANCELLED.name(),
                orderId,
                EventJson.write(new OrderCancelled(orderId, "CUSTOMER_CANCELLED", "ana@example.com")));
        await().atMost(WAIT)
                .until(() -> !kit.deadLetterReasons(GROUP, orderId.toString()).isEmpty());

        DeadLetters.ReplayResult replay = deadLetters.replay(kit.deadLetterId(GROUP, orderId.toString()));

        assertThat(replay.succeeded()).isFalse();
        assertThat(replay.outcome()).contains("WrongProducerException", "'shipping-service' is not order-service");
        assertThat(kit.handlers().attempts(GROUP, orderId)).isZero();
        assertThat(kit.appliedCount(GROUP, orderId)).isZero();
    }

    @Test
    void deadLetterCountersStartAtZeroSoTheFirstForgedEventIsAnIncreasePrometheusSees() {
        // other-consumer never dead-letters anything in these tests: its counters exist only because they start at
        // zero.
        Counter counter = Search.in(meters)
                .name("orderflow.consumer.dead.lettered")
                .tags("group", OTHER_GROUP, "topic", kit.topics().orders(), "reason", "HANDLER_FAILED")
                .counter();
        assertThat(counter).as("registered at start").isNotNull();
        assertThat(counter.count()).isZero();
        assertThat(Search.in(meters)
                        .name("orderflow.consumer.dead.lettered")
                        .tags("group", OTHER_GROUP, "topic", kit.topics().orders())
                        .counters())
                .extracting(c -> c.getId().getTag("reason"))
                .contains(WRONG_PRODUCER, "UNREADABLE", "INVALID_PAYLOAD", "HANDLER_FAILED");
    }

    private void sendAs(String source, String type, UUID orderId, byte[] payload) {
        UUID id = UUID.randomUUID();
        EventEnvelope envelope = new EventEnvelope(id, type, source, Instant.now(), orderId.toString(), id, id);
        kit.sendRaw(kit.topics().orders(), orderId.toString(), envelope.toHeaders(), payload);
    }

    private static byte[] giftWrapped(UUID orderId) {
        return "{\"orderId\":\"%s\",\"paper\":\"gold\"}".formatted(orderId).getBytes(StandardCharsets.UTF_8);
    }

    private double deadLettered(String group) {
        return kit.counter("orderflow.consumer.dead.lettered", "group", group, "reason", WRONG_PRODUCER);
    }

    private String detail(String group, UUID orderId) {
        return kit.jdbc()
                .sql("select detail from dead_letter where consumer_group = :group and message_key = :key")
                .param("group", group)
                .param("key", orderId.toString())
                .query(String.class)
                .single();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
