package dev.orderflow.sandbox.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.sandbox.SandboxIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

@SandboxIntegrationTest
class PaymentProviderTests {

    private final RestTestClient client;
    private final MeterRegistry meters;

    PaymentProviderTests(RestTestClient client, MeterRegistry meters) {
        this.client = client;
        this.meters = meters;
    }

    @Test
    void declinesCustomersWhoseIdStartsWithDecline() {
        UUID paymentId = UUID.randomUUID();

        charge(paymentId, charge(paymentId, UUID.randomUUID(), "decline-42", "30.00"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paymentId")
                .isEqualTo(paymentId.toString())
                .jsonPath("$.status")
                .isEqualTo("DECLINED")
                .jsonPath("$.reason")
                .isEqualTo("CARD_DECLINED");
    }

    @Test
    void authorizesOtherCustomers() {
        UUID paymentId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();

        charge(paymentId, charge(paymentId, orderId, "c-42", "30.00"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("AUTHORIZED");
        client.get()
                .uri("/provider/charges?orderId={orderId}", orderId)
                .exchange()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1)
                .jsonPath("$[0].paymentId")
                .isEqualTo(paymentId.toString())
                .jsonPath("$[0].amount")
                .isEqualTo(30.0)
                .jsonPath("$[0].currency")
                .isEqualTo("EUR")
                .jsonPath("$[0].status")
                .isEqualTo("AUTHORIZED")
                .jsonPath("$[0].refundedAmount")
                .isEqualTo(0);
    }

    @Test
    void chargesOnceAndRepeatsTheFirstAnswerForTheSameIdempotencyKey() {
        UUID paymentId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        Map<String, Object> request = charge(paymentId, orderId, "c-7", "12.50");

        double madeBefore = made();
        String first = charge(paymentId, request)
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseBody();
        String second = charge(paymentId, request)
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseBody();

        assertThat(made() - madeBefore).isEqualTo(1.0);
        assertThat(second).isEqualTo(first);
        assertThat(chargesOf(orderId)).isEqualTo(1);
    }

    @Test
    void chargesOnceForConcurrentDuplicates() throws Exception {
        UUID paymentId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        Map<String, Object> request = charge(paymentId, orderId, "c-race", "99.99");
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(() -> charge(paymentId, request)
                    .expectStatus()
                    .isOk()
                    .returnResult(String.class)
                    .getResponseBody());
        }

        double madeBefore = made();
        List<String> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<String> answer : pool.invokeAll(calls)) {
                answers.add(answer.get());
            }
        }

        assertThat(answers).hasSize(16).containsOnly(answers.getFirst());
        assertThat(made() - madeBefore).as("made, not replayed").isEqualTo(1.0);
        assertThat(chargesOf(orderId)).isEqualTo(1);
    }

    @Test
    void refusesAKeyReusedForADifferentCharge() {
        UUID paymentId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        charge(paymentId, charge(paymentId, orderId, "c-1", "10.00"))
                .expectStatus()
                .isOk();

        charge(paymentId, charge(paymentId, orderId, "c-1", "11.00"))
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(chargesOf(orderId)).isEqualTo(1);
    }

    @Test
    void refusesAnIdempotencyKeyThatIsNotThePaymentId() {
        UUID paymentId = UUID.randomUUID();

        charge(UUID.randomUUID(), charge(paymentId, UUID.randomUUID(), "c-1", "10.00"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("Idempotency-Key must equal paymentId");
        client.post()
                .uri("/provider/charges")
                .contentType(MediaType.APPLICATION_JSON)
                .body(charge(paymentId, UUID.randomUUID(), "c-1", "10.00"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void answersAnInvalidChargeWithProblemDetailsNamingTheFields() {
        UUID paymentId = UUID.randomUUID();
        Map<String, Object> invalid = Map.of(
                "paymentId", paymentId.toString(),
                "orderId", UUID.randomUUID().toString(),
                "customerId", "c-1",
                "amount", "-1.00",
                "currency", "euro");

        charge(paymentId, invalid)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .isEqualTo(List.of("amount", "currency"));
    }

    /** Asked twice under different keys, as two separate requests: the second answers the same, nothing is refunded twice. */
    @Test
    void refundsOnceWhenAskedTwice() {
        UUID paymentId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        charge(paymentId, charge(paymentId, orderId, "c-2", "40.00"))
                .expectStatus()
                .isOk();

        for (int i = 0; i < 2; i++) {
            refund(paymentId, "40.00")
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.paymentId")
                    .isEqualTo(paymentId.toString())
                    .jsonPath("$.status")
                    .isEqualTo("REFUNDED")
                    .jsonPath("$.refundedAmount")
                    .isEqualTo(40.0);
        }

        client.get()
                .uri("/provider/charges?orderId={orderId}", orderId)
                .exchange()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1)
                .jsonPath("$[0].status")
                .isEqualTo("REFUNDED")
                .jsonPath("$[0].refundedAmount")
                .isEqualTo(40.0);
        // The charge's own key still replays its first answer.
        charge(paymentId, charge(paymentId, orderId, "c-2", "40.00"))
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("AUTHORIZED");
    }

    @Test
    void refusesARefundWithoutAnIdempotencyKey() {
        UUID paymentId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        charge(paymentId, charge(paymentId, orderId, "c-3", "15.00"))
                .expectStatus()
                .isOk();

        client.post()
                .uri("/provider/charges/{paymentId}/refund", paymentId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("amount", "15.00"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        refund(" ", paymentId, "15.00").expectStatus().isBadRequest();

        client.get()
                .uri("/provider/charges?orderId={orderId}", orderId)
                .exchange()
                .expectBody()
                .jsonPath("$[0].status")
                .isEqualTo("AUTHORIZED");
    }

    @Test
    void refundsOnceAndRepeatsTheFirstAnswerForTheSameIdempotencyKey() throws Exception {
        UUID paymentId = UUID.randomUUID();
        charge(paymentId, charge(paymentId, UUID.randomUUID(), "c-4", "25.00"))
                .expectStatus()
                .isOk();
        String key = "refund-" + paymentId;
        List<Callable<String>> retries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            retries.add(() -> refund(key, paymentId, "25.00")
                    .expectStatus()
                    .isOk()
                    .returnResult(String.class)
                    .getResponseBody());
        }

        double refundsBefore = refundsMade();
        List<String> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<String> answer : pool.invokeAll(retries)) {
                answers.add(answer.get());
            }
        }

        assertThat(answers).hasSize(8).containsOnly(answers.getFirst());
        assertThat(refundsMade() - refundsBefore).as("made, not replayed").isEqualTo(1.0);
    }

    @Test
    void refusesARefundKeyReusedForAnotherRefund() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID secondOrder = UUID.randomUUID();
        charge(first, charge(first, UUID.randomUUID(), "c-5", "8.00"))
                .expectStatus()
                .isOk();
        charge(second, charge(second, secondOrder, "c-5", "8.00"))
                .expectStatus()
                .isOk();
        String key = UUID.randomUUID().toString();
        refund(key, first, "8.00").expectStatus().isOk();

        refund(key, second, "8.00")
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        refund(key, first, "7.00").expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        client.get()
                .uri("/provider/charges?orderId={orderId}", secondOrder)
                .exchange()
                .expectBody()
                .jsonPath("$[0].status")
                .isEqualTo("AUTHORIZED");
    }

    @Test
    void refusesAnotherAmountUnderANewKeyOnceRefunded() {
        UUID paymentId = UUID.randomUUID();
        charge(paymentId, charge(paymentId, UUID.randomUUID(), "c-6", "30.00"))
                .expectStatus()
                .isOk();
        refund(paymentId, "10.00").expectStatus().isOk();

        refund(paymentId, "10.00").expectStatus().isOk();
        refund(paymentId, "20.00").expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    }

    @Test
    void refusesToRefundWhatWasNeverCharged() {
        refund(UUID.randomUUID(), "1.00")
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        UUID declined = UUID.randomUUID();
        charge(declined, charge(declined, UUID.randomUUID(), "decline-me", "5.00"))
                .expectStatus()
                .isOk();
        refund(declined, "5.00").expectStatus().isEqualTo(HttpStatus.CONFLICT);
    }

    private RestTestClient.ResponseSpec charge(UUID idempotencyKey, Map<String, Object> body) {
        return client.post()
                .uri("/provider/charges")
                .header("Idempotency-Key", idempotencyKey.toString())
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }

    /** A refund under a key of its own, as a new request (not a retry) would carry. */
    private RestTestClient.ResponseSpec refund(UUID paymentId, String amount) {
        return refund(UUID.randomUUID().toString(), paymentId, amount);
    }

    private RestTestClient.ResponseSpec refund(String idempotencyKey, UUID paymentId, String amount) {
        return client.post()
                .uri("/provider/charges/{paymentId}/refund", paymentId)
                .header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("amount", amount))
                .exchange();
    }

    private int chargesOf(UUID orderId) {
        List<?> charges = client.get()
                .uri("/provider/charges?orderId={orderId}", orderId)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(List.class)
                .getResponseBody();
        return charges == null ? 0 : charges.size();
    }

    private double refundsMade() {
        return meters.counter(PaymentProvider.REFUNDS_METRIC).count();
    }

    private double made() {
        return meters.counter(PaymentProvider.CHARGES_METRIC, "status", "AUTHORIZED")
                .count();
    }

    static Map<String, Object> charge(UUID paymentId, UUID orderId, String customerId, String amount) {
        return Map.of(
                "paymentId",
                paymentId.toString(),
                "orderId",
                orderId.toString(),
                "customerId",
                customerId,
                "amount",
                amount,
                "currency",
                "EUR");
    }
}
