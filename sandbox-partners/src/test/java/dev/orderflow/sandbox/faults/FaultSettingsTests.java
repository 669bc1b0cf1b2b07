package dev.orderflow.sandbox.faults;

import dev.orderflow.sandbox.SandboxIntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Run-time fault settings of both partners: what system tests switch to provoke retries and outages. */
@SandboxIntegrationTest
class FaultSettingsTests {

    private final RestTestClient client;

    FaultSettingsTests(RestTestClient client) {
        this.client = client;
    }

    @AfterEach
    void healPartners() {
        for (String partner : new String[] {"provider", "carrier"}) {
            put(partner, Map.of("latencyMs", 0, "errorRate", 0.0))
                    .expectStatus()
                    .isOk();
        }
    }

    @Test
    void errorRateOfOneRefusesEveryProviderCallBeforeCharging() {
        put("provider", Map.of("latencyMs", 0, "errorRate", 1.0)).expectStatus().isOk();
        UUID paymentId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();

        charge(paymentId, orderId)
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER);
        client.get()
                .uri("/provider/charges?orderId={orderId}", orderId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(0);

        put("provider", Map.of("latencyMs", 0, "errorRate", 0.0)).expectStatus().isOk();
        charge(paymentId, orderId).expectStatus().isOk();
    }

    @Test
    void errorRateOfOneRefusesEveryCarrierCallBeforeBooking() {
        UUID booked = UUID.randomUUID();
        book(booked).expectStatus().isOk();
        put("carrier", Map.of("latencyMs", 0, "errorRate", 1.0)).expectStatus().isOk();
        UUID orderId = UUID.randomUUID();

        book(orderId).expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        client.post()
                .uri("/carrier/shipments/{orderId}/cancel", booked)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        client.get()
                .uri("/carrier/shipments?orderId={orderId}", booked)
                .exchange()
                .expectBody()
                .jsonPath("$[0].status")
                .isEqualTo("BOOKED");

        put("carrier", Map.of("latencyMs", 0, "errorRate", 0.0)).expectStatus().isOk();
        book(orderId).expectStatus().isOk();
    }

    @Test
    void settingsReadBackAsSetAndPartnersAreIndependent() {
        put("carrier", Map.of("latencyMs", 25, "errorRate", 0.5)).expectStatus().isOk();

        client.get()
                .uri("/carrier/settings")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.latencyMs")
                .isEqualTo(25)
                .jsonPath("$.errorRate")
                .isEqualTo(0.5);
        client.get()
                .uri("/provider/settings")
                .exchange()
                .expectBody()
                .jsonPath("$.latencyMs")
                .isEqualTo(0)
                .jsonPath("$.errorRate")
                .isEqualTo(0.0);
    }

    @Test
    void holdAnswersReadsBackAndIsFalseWhenLeftOut() {
        put("provider", Map.of("latencyMs", 0, "errorRate", 0.0, "holdAnswers", true))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.holdAnswers")
                .isEqualTo(true);
        client.get()
                .uri("/provider/settings")
                .exchange()
                .expectBody()
                .jsonPath("$.holdAnswers")
                .isEqualTo(true);

        put("provider", Map.of("latencyMs", 0, "errorRate", 0.0))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.holdAnswers")
                .isEqualTo(false);
        client.get()
                .uri("/provider/settings")
                .exchange()
                .expectBody()
                .jsonPath("$.holdAnswers")
                .isEqualTo(false);
    }

    @Test
    void callsStillSucceedWithLatency() {
        put("provider", Map.of("latencyMs", 150, "errorRate", 0.0))
                .expectStatus()
                .isOk();
        put("carrier", Map.of("latencyMs", 150, "errorRate", 0.0))
                .expectStatus()
                .isOk();

        charge(UUID.randomUUID(), UUID.randomUUID())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("AUTHORIZED");
        book(UUID.randomUUID())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("BOOKED");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"latencyMs\":0,\"errorRate\":1.5}",
                "{\"latencyMs\":0,\"errorRate\":-0.1}",
                "{\"latencyMs\":-1,\"errorRate\":0.0}",
                "{\"latencyMs\":60001,\"errorRate\":0.0}",
                "{\"errorRate\":0.2}",
                "{\"latencyMs\":10}",
                "{\"latencyMs\":\"slow\",\"errorRate\":0.0}",
                "{\"latencyMs\":0,\"errorRate\":0.0,\"holdAnswers\":\"maybe\"}",
                "not json"
            })
    void rejectsInvalidSettingsAndKeepsTheCurrentOnes(String body) {
        put("provider", Map.of("latencyMs", 5, "errorRate", 0.0)).expectStatus().isOk();

        client.put()
                .uri("/provider/settings")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client.get()
                .uri("/provider/settings")
                .exchange()
                .expectBody()
                .jsonPath("$.latencyMs")
                .isEqualTo(5)
                .jsonPath("$.errorRate")
                .isEqualTo(0.0);
    }

    private RestTestClient.ResponseSpec put(String partner, Map<String, Object> settings) {
        return client.put()
                .uri("/{partner}/settings", partner)
                .contentType(MediaType.APPLICATION_JSON)
                .body(settings)
                .exchange();
    }

    private RestTestClient.ResponseSpec charge(UUID paymentId, UUID orderId) {
        return client.post()
                .uri("/provider/charges")
                .header("Idempotency-Key", paymentId.toString())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "paymentId", paymentId.toString(),
                        "orderId", orderId.toString(),
                        "customerId", "c-faults",
                        "amount", "10.00",
                        "currency", "EUR"))
                .exchange();
    }

    private RestTestClient.ResponseSpec book(UUID orderId) {
        return client.post()
                .uri("/carrier/shipments")
                .header("Idempotency-Key", orderId.toString())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "orderId", orderId.toString(),
                        "name", "Ana",
                        "line1", "Main St 1",
                        "city", "Berlin",
                        "postalCode", "10115",
                        "country", "DE"))
                .exchange();
    }
}
