package dev.orderflow.payment;

import static dev.orderflow.payment.support.PaymentTestKit.orderCancelled;
import static dev.orderflow.payment.support.PaymentTestKit.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.events.payment.PaymentRefunded;
import dev.orderflow.messaging.incident.CompensationIncidents;
import dev.orderflow.payment.support.PaymentIntegrationTest;
import dev.orderflow.payment.support.PaymentTestKit;
import dev.orderflow.testsupport.SandboxPartners;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

@PaymentIntegrationTest
class CompensationIncidentTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final PaymentTestKit kit;
    private final SandboxPartners.Partner provider;
    private final MockMvc mvc;

    CompensationIncidentTests(PaymentTestKit kit, SandboxPartners sandbox, MockMvc mvc) {
        this.kit = kit;
        this.provider = sandbox.provider();
        this.mvc = mvc;
    }

    @AfterEach
    void resetProvider() {
        provider.reset();
    }

    @Test
    void refundThatKeepsFailingBecomesAnIncidentWhichAnOperatorRetryResolves() throws Exception {
        double incidentsBefore = kit.counter(CompensationIncidents.METRIC, "action", "REFUND");
        UUID orderId = authorizedThenCancelledWhileTheProviderIsDown("c-incident-api");
        UUID incidentId = awaitOpenIncident(orderId);
        await().atMost(WAIT)
                .until(() -> kit.counter(CompensationIncidents.METRIC, "action", "REFUND") == incidentsBefore + 1);
        mvc.perform(get("/api/admin/incidents").param("status", "OPEN"))
                .andExpect(status().isOk())
                .andExpect(
                        jsonPath("$[?(@.orderId == '" + orderId + "')].action").value("REFUND"));
        mvc.perform(get("/api/admin/incidents/{id}", incidentId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.attempts").value(greaterThanOrEqualTo(3)))
                .andExpect(jsonPath("$.lastError").value(containsString("503")));
        assertThat(kit.status(orderId)).isEqualTo("AUTHORIZED");
        assertThat(kit.published(orderId, PaymentRefunded.class)).isEmpty();
        assertThat(kit.gauge(CompensationIncidents.OPEN_METRIC))
                .as("open incidents, alerted on")
                .isPositive();

        provider.reset();
        // The provider's circuit may still be open after the failures: the operator retries until it lets the call
        // through.
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> mvc.perform(post("/api/admin/incidents/{id}/retry", incidentId))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.status").value("RESOLVED"))
                        .andExpect(jsonPath("$.resolvedAt").isNotEmpty()));

        assertThat(kit.status(orderId)).isEqualTo("REFUNDED");
        assertThat(kit.published(orderId, PaymentRefunded.class)).hasSize(1);
        assertThat(incidentStatus(incidentId)).isEqualTo("RESOLVED");
        mvc.perform(post("/api/admin/incidents/{id}/retry", incidentId))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(post("/api/admin/incidents/{id}/retry", UUID.randomUUID()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    @Test
    void scheduledRetryResolvesAnOpenIncidentOnceTheProviderRecovers() {
        UUID orderId = authorizedThenCancelledWhileTheProviderIsDown("c-incident-scheduled");
        UUID incidentId = awaitOpenIncident(orderId);

        provider.reset();
        // The incident's next scheduled attempt comes due.
        kit.jdbc()
                .sql("update partner_work set next_attempt_at = now() where order_id = :orderId and action = 'REFUND'")
                .param("orderId", orderId)
                .update();

        await().atMost(WAIT).until(() -> kit.status(orderId).equals("REFUNDED"));
        assertThat(incidentStatus(incidentId)).isEqualTo("RESOLVED");
        assertThat(kit.published(orderId, PaymentRefunded.class)).hasSize(1);
    }

    private UUID authorizedThenCancelledWhileTheProviderIsDown(String customerId) {
        UUID orderId = UUID.randomUUID();
        kit.publish(stockReserved(orderId, customerId, "44.00"));
        await().atMost(WAIT).until(() -> kit.status(orderId).equals("AUTHORIZED"));
        provider.faults(0, 1.0);
        kit.publish(orderCancelled(orderId));
        return orderId;
    }

    private UUID awaitOpenIncident(UUID orderId) {
        await().atMost(WAIT).until(() -> !incidents(orderId).isEmpty());
        Map<String, Object> incident = incidents(orderId).getFirst();
        assertThat(incident).containsEntry("status", "OPEN").containsEntry("action", "REFUND");
        return (UUID) incident.get("id");
    }

    private List<Map<String, Object>> incidents(UUID orderId) {
        return kit.jdbc()
                .sql("select * from compensation_incident where order_id = :orderId")
                .param("orderId", orderId)
                .query()
                .listOfRows();
    }

    private String incidentStatus(UUID incidentId) {
        return kit.jdbc()
                .sql("select status from compensation_incident where id = :id")
                .param("id", incidentId)
                .query(String.class)
                .single();
    }
}
