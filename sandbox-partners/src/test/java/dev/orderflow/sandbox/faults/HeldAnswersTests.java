package dev.orderflow.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.sandbox.SandboxIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** {@code holdAnswers}: a call is decided at once and its answer waits, so a test can put a call "in flight". */
@SandboxIntegrationTest
class HeldAnswersTests {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final RestTestClient client;
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

    HeldAnswersTests(RestTestClient client) {
        this.client = client;
    }

    @AfterEach
    void releaseAndHeal() {
        settings("provider", Map.of("latencyMs", 0, "errorRate", 0.0));
        settings("carrier", Map.of("latencyMs", 0, "errorRate", 0.0));
        callers.close();
    }

    @Test
    void aHeldChargeExistsAtTheProviderBeforeItsAnswerIsReleased() throws Exception {
        hold("provider", true);
        UUID paymentId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();

        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> charge(paymentId, orderId), callers);

        await().atMost(BOUND)
                .untilAsserted(() -> client.get()
                        .uri("/provider/charges?orderId={orderId}", orderId)
                        .exchange()
                        .expectBody()
                        .jsonPath("$[0].status")
                        .isEqualTo("AUTHORIZED"));
        assertThat(journalOf(orderId)).as("journalled when decided").contains("\"status\":200");
        assertThat(answer).isNotDone();

        hold("provider", false);

        assertThat(answer.get(BOUND.toSeconds(), TimeUnit.SECONDS)).contains("\"status\":\"AUTHORIZED\"");
    }

    @Test
    void aHeldCancellationIsMadeBeforeItsAnswerIsReleased() throws Exception {
        UUID orderId = UUID.randomUUID();
        book(orderId).expectStatus().isOk();
        hold("carrier", true);

        CompletableFuture<Integer> answer = CompletableFuture.supplyAsync(
                () -> client.post()
                        .uri("/carrier/shipments/{orderId}/cancel", orderId)
                        .header("Idempotency-Key", "cancel-" + orderId)
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .value(),
                callers);

        await().atMost(BOUND)
                .untilAsserted(() -> client.get()
                        .uri("/carrier/shipments?orderId={orderId}", orderId)
                        .exchange()
                        .expectBody()
                        .jsonPath("$[0].status")
                        .isEqualTo("CANCELLED"));
        assertThat(answer).isNotDone();

        hold("carrier", false);

        assertThat(answer.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo(200);
    }

    @Test
    void aHeldCallBlocksNeitherReadsNorTheOtherPartner() {
        hold("provider", true);
        UUID orderId = UUID.randomUUID();
        CompletableFuture<String> held =
                CompletableFuture.supplyAsync(() -> charge(UUID.randomUUID(), orderId), callers);
        await().atMost(BOUND).until(() -> journalOf(orderId).contains("charge"));

        UUID other = UUID.randomUUID();
        book(other).expectStatus().isOk();
        client.get()
                .uri("/provider/charges?orderId={orderId}", orderId)
                .exchange()
                .expectStatus()
                .isOk();
        client.get()
                .uri("/provider/settings")
                .exchange()
                .expectBody()
                .jsonPath("$.holdAnswers")
                .isEqualTo(true);

        assertThat(held).isNotDone();
    }

    @Test
    void anInjectedErrorIsAnsweredAtOnceAndDecidesNothing() {
        settings("provider", Map.of("latencyMs", 0, "errorRate", 1.0, "holdAnswers", true));
        UUID orderId = UUID.randomUUID();

        CompletableFuture<String> answer =
                CompletableFuture.supplyAsync(() -> charge(UUID.randomUUID(), orderId), callers);

        assertThat(answer).succeedsWithin(BOUND).asString().contains("\"status\":503");
        client.get()
                .uri("/provider/charges?orderId={orderId}", orderId)
                .exchange()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(0);
    }

    private String charge(UUID paymentId, UUID orderId) {
        return client.post()
                .uri("/provider/charges")
                .header("Idempotency-Key", paymentId.toString())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "paymentId", paymentId.toString(),
                        "orderId", orderId.toString(),
                        "customerId", "c-held",
                        "amount", "12.00",
                        "currency", "EUR"))
                .exchange()
                .returnResult(String.class)
                .getResponseBody();
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

    private String journalOf(UUID orderId) {
        return client.get()
                .uri("/sandbox/journal?orderId={orderId}", orderId)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseBody();
    }

    private void hold(String partner, boolean holdAnswers) {
        settings(partner, Map.of("latencyMs", 0, "errorRate", 0.0, "holdAnswers", holdAnswers));
    }

    private void settings(String partner, Map<String, Object> settings) {
        client.put()
                .uri("/{partner}/settings", partner)
                .contentType(MediaType.APPLICATION_JSON)
                .body(settings)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.OK);
    }
}
