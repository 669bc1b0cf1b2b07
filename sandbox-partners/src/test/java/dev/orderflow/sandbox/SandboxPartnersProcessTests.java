package dev.orderflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.orderflow.testsupport.SandboxPartners;
import dev.orderflow.testsupport.SandboxPartners.JournalEntry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * test-support's {@link SandboxPartners} on this module's exec jar, as the services' tests use it: one process per JVM,
 * switched and read through its client. Runs in failsafe, after the jar is packaged.
 */
class SandboxPartnersProcessTests {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final SandboxPartners sandbox = SandboxPartners.shared();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void resetPartners() {
        sandbox.provider().reset();
        sandbox.carrier().reset();
    }

    @Test
    void aHeldChargeIsAtTheProviderAndInItsJournalBeforeItsAnswerIsReleased() {
        UUID paymentId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        sandbox.provider().hold();

        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(
                post("/provider/charges", paymentId.toString(), """
                        {"paymentId":"%s","orderId":"%s","customerId":"c-1","amount":"12.50","currency":"EUR"}""".formatted(paymentId, orderId)),
                HttpResponse.BodyHandlers.ofString());

        await().atMost(BOUND).until(() -> !sandbox.charges(orderId).isEmpty());
        assertThat(sandbox.charges(orderId)).singleElement().satisfies(charge -> {
            assertThat(charge.paymentId()).isEqualTo(paymentId);
            assertThat(charge.amount()).isEqualByComparingTo("12.50");
            assertThat(charge.status()).isEqualTo("AUTHORIZED");
            assertThat(charge.refundedAmount()).isEqualByComparingTo("0");
        });
        assertThat(sandbox.provider().journal(orderId))
                .extracting(JournalEntry::operation, JournalEntry::idempotencyKey, JournalEntry::status)
                .containsExactly(tuple("charge", paymentId.toString(), 200));
        assertThat(answer).isNotDone();

        sandbox.provider().release();

        assertThat(answer)
                .succeedsWithin(BOUND)
                .satisfies(response -> assertThat(response.statusCode()).isEqualTo(200));
    }

    @Test
    void faultsRefuseCallsThatTheJournalStillRecords() throws Exception {
        UUID orderId = UUID.randomUUID();
        String booking = """
                {"orderId":"%s","name":"Ana","line1":"Main St 1","city":"Berlin","postalCode":"10115","country":"DE"}""".formatted(orderId);
        sandbox.carrier().faults(0, 1.0);

        assertThat(send(post("/carrier/shipments", orderId.toString(), booking)))
                .isEqualTo(503);
        sandbox.carrier().reset();
        assertThat(send(post("/carrier/shipments", orderId.toString(), booking)))
                .isEqualTo(200);

        assertThat(sandbox.shipments(orderId))
                .singleElement()
                .satisfies(shipment -> assertThat(shipment.status()).isEqualTo("BOOKED"));
        assertThat(sandbox.carrier().journal(orderId))
                .extracting(JournalEntry::operation, JournalEntry::status)
                .containsExactly(tuple("book", 503), tuple("book", 200));
        assertThat(sandbox.provider().journal(orderId)).isEmpty();
    }

    @Test
    void oneSandboxPerJvmIssuingTokensForTheAddressTestsReachItAt() throws Exception {
        assertThat(SandboxPartners.shared()).isSameAs(sandbox);

        HttpResponse<String> discovery = http.send(
                HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/.well-known/openid-configuration"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(discovery.body()).contains("\"issuer\":\"" + sandbox.baseUrl() + "\"");
    }

    private HttpRequest post(String path, String idempotencyKey, String body) {
        return HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private int send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
