package dev.orderflow.sandbox.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderflow.sandbox.SandboxIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The partners' own record of what reached them: what tests read to know whether a call ever arrived. */
@SandboxIntegrationTest
class JournalTests {

    private final RestTestClient client;

    JournalTests(RestTestClient client) {
        this.client = client;
    }

    @AfterEach
    void healPartners() {
        faults("provider", 0.0);
        faults("carrier", 0.0);
    }

    @Test
    void journalsRefusedAndAcceptedRequestsWithTheirKeys() {
        UUID orderId = UUID.randomUUID();
        UUID paymentId = UUID.randomUUID();
        faults("provider", 1.0);
        charge(paymentId.toString(), orderId, "10.00").expectStatus().isEqualTo(503);
        faults("provider", 0.0);
        charge(paymentId.toString(), orderId, "-1").expectStatus().isBadRequest();
        charge(paymentId.toString(), orderId, "10.00").expectStatus().isOk();
        refund(null, paymentId).expectStatus().isBadRequest();
        refund("refund-1", paymentId).expectStatus().isOk();
        book(orderId).expectStatus().isOk();
        faults("carrier", 1.0);
        cancel("cancel-1", orderId).expectStatus().isEqualTo(503);
        faults("carrier", 0.0);
        cancel("cancel-1", orderId).expectStatus().isOk();

        List<JournalEntry> journal = journal("?orderId=" + orderId);

        assertThat(journal)
                .extracting(
                        JournalEntry::partner,
                        JournalEntry::operation,
                        JournalEntry::orderId,
                        JournalEntry::idempotencyKey,
                        JournalEntry::status)
                .containsExactly(
                        tuple("provider", "charge", orderId, paymentId.toString(), 503),
                        tuple("provider", "charge", orderId, paymentId.toString(), 400),
                        tuple("provider", "charge", orderId, paymentId.toString(), 200),
                        tuple("provider", "refund", orderId, null, 400),
                        tuple("provider", "refund", orderId, "refund-1", 200),
                        tuple("carrier", "book", orderId, orderId.toString(), 200),
                        tuple("carrier", "cancel", orderId, "cancel-1", 503),
                        tuple("carrier", "cancel", orderId, "cancel-1", 200));
        assertThat(journal).extracting(JournalEntry::at).isSorted();
    }

    @Test
    void journalsAnUnreadableRequestWithoutAnOrder() {
        String key = "unreadable-" + UUID.randomUUID();
        client.post()
                .uri("/provider/charges")
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .body("not json")
                .exchange()
                .expectStatus()
                .isBadRequest();

        assertThat(journal(""))
                .filteredOn(entry -> key.equals(entry.idempotencyKey()))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.orderId()).isNull();
                    assertThat(entry.operation()).isEqualTo("charge");
                    assertThat(entry.status()).isEqualTo(400);
                });
    }

    @Test
    void journalsNeitherListingsNorSettings() {
        UUID orderId = UUID.randomUUID();
        client.get().uri("/provider/charges?orderId={orderId}", orderId).exchange();
        client.get().uri("/carrier/shipments?orderId={orderId}", orderId).exchange();
        int before = journal("").size();

        faults("carrier", 0.0);

        assertThat(journal("?orderId=" + orderId)).isEmpty();
        assertThat(journal("")).hasSize(before);
    }

    private List<JournalEntry> journal(String query) {
        return client.get()
                .uri("/sandbox/journal" + query)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<List<JournalEntry>>() {})
                .getResponseBody();
    }

    private void faults(String partner, double errorRate) {
        client.put()
                .uri("/{partner}/settings", partner)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("latencyMs", 0, "errorRate", errorRate))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private RestTestClient.ResponseSpec charge(String key, UUID orderId, String amount) {
        return client.post()
                .uri("/provider/charges")
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "paymentId",
                        key,
                        "orderId",
                        orderId.toString(),
                        "customerId",
                        "c-journal",
                        "amount",
                        amount,
                        "currency",
                        "EUR"))
                .exchange();
    }

    private RestTestClient.ResponseSpec refund(String key, UUID paymentId) {
        return client.post()
                .uri("/provider/charges/{paymentId}/refund", paymentId)
                .headers(headers -> {
                    if (key != null) {
                        headers.set("Idempotency-Key", key);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("amount", "10.00"))
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

    private RestTestClient.ResponseSpec cancel(String key, UUID orderId) {
        return client.post()
                .uri("/carrier/shipments/{orderId}/cancel", orderId)
                .header("Idempotency-Key", key)
                .exchange();
    }
}
