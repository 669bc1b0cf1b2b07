package dev.orderflow.messaging.deadletter;

import static dev.orderflow.messaging.support.MessagingTestApplication.GROUP;
import static dev.orderflow.messaging.support.MessagingTestApplication.OTHER_GROUP;
import static dev.orderflow.messaging.support.MessagingTestKit.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.events.CloudEventHeaders;
import dev.orderflow.events.DeadLetterHeaders;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.Topics;
import dev.orderflow.messaging.support.MessagingIntegrationTest;
import dev.orderflow.messaging.support.MessagingTestKit;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

@MessagingIntegrationTest
class DeadLetterReplayTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final MessagingTestKit kit;
    private final MockMvc mvc;

    DeadLetterReplayTests(MessagingTestKit kit, MockMvc mvc) {
        this.kit = kit;
        this.mvc = mvc;
    }

    @Test
    void replayedDeadLetterIsProcessedOnceByTheFailingGroupOnly() throws Exception {
        UUID orderId = UUID.randomUUID();
        kit.handlers().failUnexpectedly(orderId);
        kit.publish(orderPlaced(orderId, "c-replay"));
        await().atMost(WAIT)
                .until(() -> !kit.deadLetterReasons(GROUP, orderId.toString()).isEmpty());
        await().atMost(WAIT).until(() -> kit.appliedCount(OTHER_GROUP, orderId) == 1);
        long id = kit.deadLetterId(GROUP, orderId.toString());
        int attemptsOfOtherGroup = kit.handlers().attempts(OTHER_GROUP, orderId);

        kit.handlers().succeed(orderId);
        mvc.perform(post("/api/admin/dead-letters/{id}/replay", id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.succeeded").value(true))
                .andExpect(jsonPath("$.outcome").value("APPLIED"));
        mvc.perform(post("/api/admin/dead-letters/{id}/replay", id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("DUPLICATE"));

        assertThat(kit.appliedCount(GROUP, orderId)).isEqualTo(1);
        assertThat(kit.appliedCount(OTHER_GROUP, orderId)).isEqualTo(1);
        assertThat(kit.handlers().attempts(OTHER_GROUP, orderId)).isEqualTo(attemptsOfOtherGroup);
        mvc.perform(get("/api/admin/dead-letters/{id}", id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.summary.replayedAt").isNotEmpty())
                .andExpect(jsonPath("$.summary.pending").value(false))
                .andExpect(jsonPath("$.summary.replayAttempts").value(2));
    }

    @Test
    void aDiscardedDeadLetterIsNoLongerPendingAndAReplayedOneCannotBeDiscarded() throws Exception {
        UUID discarded = deadLettered("c-discard");
        UUID replayed = deadLettered("c-discard-replayed");
        long id = kit.deadLetterId(GROUP, discarded.toString());
        long replayedId = kit.deadLetterId(GROUP, replayed.toString());
        kit.handlers().succeed(replayed);
        mvc.perform(post("/api/admin/dead-letters/{id}/replay", replayedId)).andExpect(status().isOk());

        mvc.perform(post("/api/admin/dead-letters/{id}/discard", id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.pending").value(false))
                .andExpect(jsonPath("$.discardedAt").isNotEmpty())
                .andExpect(jsonPath("$.replayedAt").isEmpty());
        mvc.perform(get("/api/admin/dead-letters")
                        .param("group", GROUP)
                        .param("pendingOnly", "true")
                        .param("size", "100"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[*].id", Matchers.not(Matchers.hasItem((int) id))));
        mvc.perform(post("/api/admin/dead-letters/{id}/discard", replayedId))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("was replayed")));
        mvc.perform(post("/api/admin/dead-letters/{id}/discard", Long.MAX_VALUE))
                .andExpect(status().isNotFound());
        kit.handlers().succeed(discarded);
    }

    @Test
    void aDeadLettersTimeIsWhenThisServiceRecordedItAndItsRecordsKafkaTimestampIsKeptBeside() throws Exception {
        UUID orderId = UUID.randomUUID();
        // spring-kafka gives a dead-letter record the original record's timestamp: a producer's clock, not this
        // service's, and possibly long before the record failed.
        Instant recordTimestamp = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MILLIS);
        Instant before = Instant.now();
        String topic = kit.topics().of(EventTypes.ORDER_PLACED);
        kit.sendRaw(
                Topics.deadLetter(topic, GROUP),
                orderId.toString(),
                Map.of(
                        KafkaHeaders.DLT_ORIGINAL_TOPIC, topic,
                        CloudEventHeaders.ID, UUID.randomUUID().toString(),
                        CloudEventHeaders.TYPE, EventTypes.ORDER_PLACED.name(),
                        DeadLetterHeaders.REASON, DeadLetterHeaders.Reason.HANDLER_FAILED.name(),
                        DeadLetterHeaders.GROUP, GROUP),
                EventJson.write(orderPlaced(orderId, "c-dead-letter-time")),
                recordTimestamp);
        await().atMost(WAIT)
                .until(() -> !kit.deadLetterReasons(GROUP, orderId.toString()).isEmpty());
        long id = kit.deadLetterId(GROUP, orderId.toString());

        JsonNode summary = EventJson.mapper()
                .readTree(mvc.perform(get("/api/admin/dead-letters/{id}", id))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("summary");

        assertThat(summary.get("originalTopic").asString()).isEqualTo(topic);
        assertThat(Instant.parse(summary.get("recordTimestamp").asString())).isEqualTo(recordTimestamp);
        assertThat(Instant.parse(summary.get("deadLetteredAt").asString()))
                .isBetween(before.minusSeconds(1), Instant.now());
    }

    @Test
    void deadLetterApiListsAndInspectsWithPersonalDataMasked() throws Exception {
        UUID orderId = UUID.randomUUID();
        kit.handlers().failUnexpectedly(orderId);
        kit.publish(orderPlaced(orderId, "c-inspect"));
        await().atMost(WAIT)
                .until(() -> !kit.deadLetterReasons(GROUP, orderId.toString()).isEmpty());
        long id = kit.deadLetterId(GROUP, orderId.toString());

        mvc.perform(get("/api/admin/dead-letters").param("group", GROUP).param("pendingOnly", "true"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[*].id", Matchers.hasItem((int) id)))
                .andExpect(jsonPath("$.page.size").value(20));
        mvc.perform(get("/api/admin/dead-letters/{id}", id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.summary.reason").value("HANDLER_FAILED"))
                .andExpect(jsonPath("$.summary.eventType").value("dev.orderflow.order.placed.v1"))
                .andExpect(jsonPath("$.payload.orderId").value(orderId.toString()))
                .andExpect(jsonPath("$.payload.customerEmail").value("***"))
                .andExpect(jsonPath("$.payload.shippingAddress").value("***"))
                .andExpect(jsonPath("$.payload.customerId").value("c-inspect"));
        mvc.perform(get("/api/admin/dead-letters/{id}", Long.MAX_VALUE))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.instance").value("/api/admin/dead-letters/" + Long.MAX_VALUE))
                .andExpect(jsonPath("$.traceId").value(matchesPattern("[0-9a-f]{32}")));
        kit.handlers().succeed(orderId);
    }

    /** An order whose OrderPlaced the group dead-lettered; its handler keeps failing until told to succeed. */
    private UUID deadLettered(String customerId) {
        UUID orderId = UUID.randomUUID();
        kit.handlers().failUnexpectedly(orderId);
        kit.publish(orderPlaced(orderId, customerId));
        await().atMost(WAIT)
                .until(() -> !kit.deadLetterReasons(GROUP, orderId.toString()).isEmpty());
        return orderId;
    }
}
