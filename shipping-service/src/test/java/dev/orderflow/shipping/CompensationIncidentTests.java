package dev.orderflow.shipping;

import static dev.orderflow.shipping.support.ShippingTestKit.orderCancelled;
import static dev.orderflow.shipping.support.ShippingTestKit.paymentAuthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.events.shipping.ShipmentCancelled;
import dev.orderflow.messaging.incident.CompensationIncidents;
import dev.orderflow.shipping.support.ShippingIntegrationTest;
import dev.orderflow.shipping.support.ShippingTestKit;
import dev.orderflow.testsupport.SandboxPartners;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

@ShippingIntegrationTest
class CompensationIncidentTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ACTION = "CANCEL_BOOKING";

    private final ShippingTestKit kit;
    private final SandboxPartners.Partner carrier;
    private final MockMvc mvc;

    CompensationIncidentTests(ShippingTestKit kit, SandboxPartners sandbox, MockMvc mvc) {
        this.kit = kit;
        this.carrier = sandbox.carrier();
        this.mvc = mvc;
    }

    @AfterEach
    void resetCarrier() {
        carrier.reset();
    }

    @Test
    void carrierCancellationThatKeepsFailingBecomesAnIncidentWhichAnOperatorRetryResolves() throws Exception {
        double incidentsBefore = kit.counter(CompensationIncidents.METRIC, "action", ACTION);
        UUID orderId = bookedThenCancelledWhileTheCarrierIsDown();
        UUID incidentId = awaitOpenIncident(orderId);
        await().atMost(WAIT)
                .until(() -> kit.counter(CompensationIncidents.METRIC, "action", ACTION) == incidentsBefore + 1);
        mvc.perform(get("/api/admin/incidents/{id}", incidentId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.action").value(ACTION))
                .andExpect(jsonPath("$.attempts").value(greaterThanOrEqualTo(3)))
                .andExpect(jsonPath("$.lastError").value(containsString("503")));
        assertThat(kit.status(orderId)).isEqualTo("SCHEDULED");
        assertThat(kit.published(orderId, ShipmentCancelled.class)).isEmpty();

        carrier.reset();
        // The carrier's circuit may still be open after the failures: the operator retries until it lets the call
        // through.
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> mvc.perform(post("/api/admin/incidents/{id}/retry", incidentId))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.status").value("RESOLVED")));

        assertThat(kit.status(orderId)).isEqualTo("CANCELLED");
        assertThat(kit.published(orderId, ShipmentCancelled.class)).hasSize(1);
        assertThat(sandbox().shipments(orderId))
                .singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo("CANCELLED"));
    }

    @Test
    void scheduledRetryResolvesAnOpenIncidentOnceTheCarrierRecovers() {
        UUID orderId = bookedThenCancelledWhileTheCarrierIsDown();
        UUID incidentId = awaitOpenIncident(orderId);

        carrier.reset();
        // The incident's next scheduled attempt comes due.
        kit.jdbc()
                .sql(
                        "update partner_work set next_attempt_at = now() where order_id = :orderId and action = 'CANCEL_BOOKING'")
                .param("orderId", orderId)
                .update();

        await().atMost(WAIT).until(() -> kit.status(orderId).equals("CANCELLED"));
        assertThat(incident(incidentId)).containsEntry("status", "RESOLVED");
        assertThat(kit.published(orderId, ShipmentCancelled.class)).hasSize(1);
    }

    private UUID bookedThenCancelledWhileTheCarrierIsDown() {
        UUID orderId = UUID.randomUUID();
        kit.publish(paymentAuthorized(orderId, "DE"));
        await().atMost(WAIT).until(() -> kit.status(orderId).equals("SCHEDULED"));
        carrier.faults(0, 1.0);
        kit.publish(orderCancelled(orderId));
        return orderId;
    }

    private UUID awaitOpenIncident(UUID orderId) {
        await().atMost(WAIT).until(() -> !incidents(orderId).isEmpty());
        Map<String, Object> incident = incidents(orderId).getFirst();
        assertThat(incident).containsEntry("status", "OPEN").containsEntry("action", ACTION);
        return (UUID) incident.get("id");
    }

    private static SandboxPartners sandbox() {
        return SandboxPartners.shared();
    }

    private List<Map<String, Object>> incidents(UUID orderId) {
        return kit.jdbc()
                .sql("select * from compensation_incident where order_id = :orderId")
                .param("orderId", orderId)
                .query()
                .listOfRows();
    }

    private Map<String, Object> incident(UUID incidentId) {
        return kit.jdbc()
                .sql("select * from compensation_incident where id = :id")
                .param("id", incidentId)
                .query()
                .singleRow();
    }
}
