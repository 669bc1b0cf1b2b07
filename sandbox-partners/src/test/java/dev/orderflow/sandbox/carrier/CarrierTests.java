package dev.orderflow.sandbox.carrier;

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
class CarrierTests {

    private final RestTestClient client;
    private final MeterRegistry meters;

    CarrierTests(RestTestClient client, MeterRegistry meters) {
        this.client = client;
        this.meters = meters;
    }

    @Test
    void failsEveryAddressInCountryXX() {
        UUID orderId = UUID.randomUUID();

        book(orderId, address(orderId, "XX"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.orderId")
                .isEqualTo(orderId.toString())
                .jsonPath("$.status")
                .isEqualTo("FAILED")
                .jsonPath("$.reason")
                .isEqualTo("ADDRESS_NOT_SERVED")
                .jsonPath("$.trackingNumber")
                .isEmpty();
    }

    @Test
    void booksOtherAddressesWithACarrierAndTrackingNumber() {
        UUID orderId = UUID.randomUUID();

        book(orderId, address(orderId, "DE"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("BOOKED")
                .jsonPath("$.carrier")
                .isEqualTo("SANDBOX-PARCEL")
                .jsonPath("$.trackingNumber")
                .isNotEmpty();
        client.get()
                .uri("/carrier/shipments?orderId={orderId}", orderId)
                .exchange()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1)
                .jsonPath("$[0].status")
                .isEqualTo("BOOKED")
                // The listing is for invariant checks; the address is personal data and stays out of it.
                .jsonPath("$[0].request")
                .doesNotExist()
                .jsonPath("$[0].name")
                .doesNotExist();
    }

    @Test
    void booksOnceAndRepeatsTheFirstAnswerForTheSameOrder() {
        UUID orderId = UUID.randomUUID();
        Map<String, Object> request = address(orderId, "FR");

        double madeBefore = made();
        String first = book(orderId, request)
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseBody();
        String second = book(orderId, request)
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseBody();

        assertThat(made() - madeBefore).isEqualTo(1.0);
        assertThat(second).isEqualTo(first);
        assertThat(shipmentsOf(orderId)).isEqualTo(1);
    }

    @Test
    void booksOnceForConcurrentDuplicates() throws Exception {
        UUID orderId = UUID.randomUUID();
        Map<String, Object> request = address(orderId, "NL");
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(() -> book(orderId, request)
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
        assertThat(shipmentsOf(orderId)).isEqualTo(1);
    }

    @Test
    void refusesAnOrderBookedWithADifferentAddress() {
        UUID orderId = UUID.randomUUID();
        book(orderId, address(orderId, "DE")).expectStatus().isOk();

        book(orderId, address(orderId, "AT")).expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        book(UUID.randomUUID(), address(orderId, "DE")).expectStatus().isBadRequest();
    }

    @Test
    void cancelsABookingOnceAndAnswersTheSameWhenAskedAgain() {
        UUID orderId = UUID.randomUUID();
        book(orderId, address(orderId, "DE")).expectStatus().isOk();

        for (int i = 0; i < 2; i++) {
            cancel(orderId)
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.orderId")
                    .isEqualTo(orderId.toString())
                    .jsonPath("$.status")
                    .isEqualTo("CANCELLED");
        }

        client.get()
                .uri("/carrier/shipments?orderId={orderId}", orderId)
                .exchange()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1)
                .jsonPath("$[0].status")
                .isEqualTo("CANCELLED");
    }

    @Test
    void refusesACancellationWithoutAnIdempotencyKey() {
        UUID orderId = UUID.randomUUID();
        book(orderId, address(orderId, "DE")).expectStatus().isOk();

        client.post()
                .uri("/carrier/shipments/{orderId}/cancel", orderId)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        cancel("", orderId).expectStatus().isBadRequest();

        client.get()
                .uri("/carrier/shipments?orderId={orderId}", orderId)
                .exchange()
                .expectBody()
                .jsonPath("$[0].status")
                .isEqualTo("BOOKED");
    }

    @Test
    void cancelsOnceAndRepeatsTheFirstAnswerForTheSameIdempotencyKey() throws Exception {
        UUID orderId = UUID.randomUUID();
        book(orderId, address(orderId, "DE")).expectStatus().isOk();
        String key = "cancel-" + orderId;
        List<Callable<String>> retries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            retries.add(() -> cancel(key, orderId)
                    .expectStatus()
                    .isOk()
                    .returnResult(String.class)
                    .getResponseBody());
        }

        double cancelledBefore = cancellationsMade();
        List<String> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<String> answer : pool.invokeAll(retries)) {
                answers.add(answer.get());
            }
        }

        assertThat(answers).hasSize(8).containsOnly(answers.getFirst());
        assertThat(cancellationsMade() - cancelledBefore)
                .as("made, not replayed")
                .isEqualTo(1.0);
    }

    @Test
    void refusesACancellationKeyReusedForAnotherShipment() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        book(first, address(first, "DE")).expectStatus().isOk();
        book(second, address(second, "DE")).expectStatus().isOk();
        String key = UUID.randomUUID().toString();
        cancel(key, first).expectStatus().isOk();

        cancel(key, second)
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client.get()
                .uri("/carrier/shipments?orderId={orderId}", second)
                .exchange()
                .expectBody()
                .jsonPath("$[0].status")
                .isEqualTo("BOOKED");
    }

    @Test
    void refusesToCancelWhatWasNeverBooked() {
        cancel(UUID.randomUUID())
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        UUID failed = UUID.randomUUID();
        book(failed, address(failed, "XX")).expectStatus().isOk();
        cancel(failed).expectStatus().isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void answersAnInvalidBookingWithProblemDetailsNamingTheFields() {
        UUID orderId = UUID.randomUUID();
        Map<String, Object> invalid = Map.of("orderId", orderId.toString(), "name", "Ana", "country", "germany");

        book(orderId, invalid)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .isEqualTo(List.of("city", "country", "line1", "postalCode"));
    }

    private RestTestClient.ResponseSpec book(UUID idempotencyKey, Map<String, Object> body) {
        return client.post()
                .uri("/carrier/shipments")
                .header("Idempotency-Key", idempotencyKey.toString())
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }

    /** A cancellation under a key of its own, as a new request (not a retry) would carry. */
    private RestTestClient.ResponseSpec cancel(UUID orderId) {
        return cancel(UUID.randomUUID().toString(), orderId);
    }

    private RestTestClient.ResponseSpec cancel(String idempotencyKey, UUID orderId) {
        return client.post()
                .uri("/carrier/shipments/{orderId}/cancel", orderId)
                .header("Idempotency-Key", idempotencyKey)
                .exchange();
    }

    private int shipmentsOf(UUID orderId) {
        List<?> shipments = client.get()
                .uri("/carrier/shipments?orderId={orderId}", orderId)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(List.class)
                .getResponseBody();
        return shipments == null ? 0 : shipments.size();
    }

    private double cancellationsMade() {
        return meters.counter(Carrier.CANCELLATIONS_METRIC).count();
    }

    private double made() {
        return meters.counter(Carrier.BOOKINGS_METRIC, "status", "BOOKED").count();
    }

    static Map<String, Object> address(UUID orderId, String country) {
        return Map.of(
                "orderId", orderId.toString(),
                "name", "Ana",
                "line1", "Main St 1",
                "city", "Berlin",
                "postalCode", "10115",
                "country", country);
    }
}
