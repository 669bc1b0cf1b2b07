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

import dev.orderflow.messaging.support.MessagingIntegrationTest;
import dev.orderflow.messaging.support.MessagingTestKit;
import java.time.Duration;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

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
                .andExpect(jsonPath("$.summary.replayAttempts").value(2));
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
}
