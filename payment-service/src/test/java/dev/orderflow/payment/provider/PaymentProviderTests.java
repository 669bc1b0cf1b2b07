package dev.orderflow.payment.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.orderflow.messaging.Causation;
import dev.orderflow.messaging.partner.PartnerCalls;
import dev.orderflow.messaging.partner.PartnerException;
import dev.orderflow.messaging.partner.PartnerHttp;
import dev.orderflow.messaging.partner.PartnerUnavailable;
import dev.orderflow.messaging.partner.PartnerWorkItem;
import dev.orderflow.testsupport.SandboxPartners;
import dev.orderflow.testsupport.TestPorts;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The provider client against the real sandbox provider, and against a rogue one: idempotent charges and refunds that
 * carry their keys, failures classified by whether the request may have reached the provider, and answers treated as
 * untrusted input (OWASP API10): an answer that breaks the contract is a partner failure, never a payment; a decline
 * reason is bounded and cleaned before it travels on.
 */
class PaymentProviderTests {

    private static final SandboxPartners sandbox = SandboxPartners.shared();

    private final PaymentProvider client = client(URI.create(sandbox.baseUrl()), Duration.ofSeconds(5));
    private final AtomicReference<String> rogueAnswer = new AtomicReference<>();
    private HttpServer rogue;

    @AfterEach
    void reset() {
        sandbox.provider().reset();
        if (rogue != null) {
            rogue.stop(0);
        }
    }

    @Test
    void repeatedChargeWithTheSameKeyGetsTheFirstAnswerAndChargesOnce() {
        ChargeRequest request = charge("c-1");

        assertThat(charge(client, request)).isEqualTo(ChargeResult.authorized(request.paymentId()));
        assertThat(charge(client, request)).isEqualTo(ChargeResult.authorized(request.paymentId()));

        assertThat(sandbox.provider().journal(request.orderId()))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.idempotencyKey())
                        .isEqualTo(request.paymentId().toString()));
        assertThat(sandbox.charges(request.orderId())).hasSize(1);
    }

    @Test
    void declinedChargeCarriesTheProvidersReason() {
        ChargeRequest request = charge("decline-7");

        assertThat(charge(client, request)).isEqualTo(ChargeResult.declined(request.paymentId(), "CARD_DECLINED"));
    }

    @Test
    void refundCarriesItsIdempotencyKeyAndConfirmsTheAmount() {
        ChargeRequest request = charge("c-2");
        charge(client, request);
        RefundRequest refund = new RefundRequest(request.paymentId(), request.amount());

        assertThat(client.refund(refund, work(request.orderId(), "refund:" + request.paymentId()), permit(client)))
                .isEqualTo(new RefundResult(request.paymentId(), request.amount()));
        assertThat(client.refund(refund, work(request.orderId(), "refund:" + request.paymentId()), permit(client)))
                .isEqualTo(new RefundResult(request.paymentId(), request.amount()));

        assertThat(sandbox.charges(request.orderId()).getFirst().status()).isEqualTo("REFUNDED");
        assertThat(sandbox.provider().journal(request.orderId()))
                .filteredOn(r -> r.operation().equals("refund"))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.idempotencyKey()).isEqualTo("refund:" + request.paymentId()));
    }

    @Test
    void lookupFindsTheChargeAnEarlierCallMadeAndNothingForAnotherPayment() {
        ChargeRequest request = charge("c-lookup");
        charge(client, request);
        ChargeRequest never =
                new ChargeRequest(UUID.randomUUID(), request.orderId(), "c-lookup", request.amount(), "EUR");

        assertThat(client.findCharge(request, work(request.orderId(), "x"), permit(client)))
                .contains(ChargeResult.authorized(request.paymentId()));
        assertThat(client.findCharge(never, work(request.orderId(), "x"), permit(client)))
                .isEmpty();
    }

    @Test
    void unavailableProviderRefusedTheCallBeforeDoingAnything() {
        sandbox.provider().faults(0, 1.0);

        assertThatThrownBy(() -> charge(client, charge("c-3")))
                .isInstanceOfSatisfying(
                        PartnerUnavailable.class,
                        e -> assertThat(e.dispatched()).isFalse())
                .hasMessageContaining("503");
    }

    @Test
    void unreachableProviderWasNeverCalled() {
        PaymentProvider unreachable =
                client(URI.create("http://127.0.0.1:" + TestPorts.freePort()), Duration.ofSeconds(5));

        assertThatThrownBy(() -> charge(unreachable, charge("c-4")))
                .isInstanceOfSatisfying(
                        PartnerUnavailable.class,
                        e -> assertThat(e.dispatched()).isFalse())
                .hasMessageContaining("unreachable");
    }

    @Test
    void providerThatTakesTheCallButDoesNotAnswerInTimeLeavesItInDoubt() {
        PaymentProvider impatient = client(URI.create(sandbox.baseUrl()), Duration.ofMillis(300));
        sandbox.provider().hold();
        ChargeRequest request = charge("c-5");

        assertThatThrownBy(() -> charge(impatient, request))
                .isInstanceOfSatisfying(
                        PartnerUnavailable.class,
                        e -> assertThat(e.dispatched()).isTrue());
        assertThat(sandbox.charges(request.orderId()))
                .as("the provider did charge")
                .hasSize(1);
    }

    @Test
    void refusedRefundIsAPartnerExceptionThatCreatedNothing() {
        UUID paymentId = UUID.randomUUID();

        assertThatThrownBy(() -> client.refund(
                        new RefundRequest(paymentId, BigDecimal.TEN),
                        work(UUID.randomUUID(), "refund:" + paymentId),
                        permit(client)))
                .isInstanceOfSatisfying(
                        PartnerException.class, e -> assertThat(e.inDoubt()).isFalse())
                .hasMessageContaining("404");
    }

    @Test
    void callBeyondTheTimeLimitIsCancelledAndInDoubt() {
        PaymentProvider limited = client(
                URI.create(sandbox.baseUrl()),
                Duration.ofSeconds(5),
                TimeLimiterConfig.custom()
                        .timeoutDuration(Duration.ofMillis(200))
                        .build());
        sandbox.provider().faults(2_000, 0.0);

        assertThatThrownBy(() -> charge(limited, charge("c-6")))
                .isInstanceOfSatisfying(
                        PartnerUnavailable.class,
                        e -> assertThat(e.dispatched()).isTrue())
                .hasMessageContaining("did not answer charge within PT0.2S");
    }

    @Test
    void chargeAnswerForAnotherPaymentIsRefused() throws IOException {
        ChargeRequest request = charge("c-rogue");
        rogueAnswer.set("{\"paymentId\":\"" + UUID.randomUUID() + "\",\"status\":\"AUTHORIZED\"}");

        assertThatThrownBy(() -> charge(rogueProvider(), request))
                .isInstanceOfSatisfying(
                        PartnerException.class, e -> assertThat(e.inDoubt()).isTrue());
    }

    @Test
    void chargeAnswerWithAnUnknownStatusIsRefused() throws IOException {
        ChargeRequest request = charge("c-rogue");
        rogueAnswer.set("{\"paymentId\":\"" + request.paymentId() + "\",\"status\":\"PAID_IN_FULL\"}");

        assertThatThrownBy(() -> charge(rogueProvider(), request)).isInstanceOf(PartnerException.class);
    }

    @Test
    void answerThatIsNotJsonIsRefused() throws IOException {
        rogueAnswer.set("<html>gateway error</html>");

        assertThatThrownBy(() -> charge(rogueProvider(), charge("c-rogue"))).isInstanceOf(PartnerException.class);
    }

    @Test
    void declineReasonIsBoundedAndCleanedBeforeItTravelsOn() throws IOException {
        ChargeRequest request = charge("c-rogue");
        rogueAnswer.set("{\"paymentId\":\"" + request.paymentId()
                + "\",\"status\":\"DECLINED\",\"reason\":\"bad\\u0000\\u001b[31m" + "x".repeat(5_000) + "\"}");

        String reason = charge(rogueProvider(), request).declineReason();

        assertThat(reason)
                .hasSizeLessThanOrEqualTo(200)
                .doesNotContain("\u0000")
                .doesNotContain("\u001b");
    }

    @Test
    void refundAnswerWithAnotherAmountIsRefused() throws IOException {
        UUID paymentId = UUID.randomUUID();
        rogueAnswer.set("{\"paymentId\":\"" + paymentId + "\",\"status\":\"REFUNDED\",\"refundedAmount\":\"1000.00\"}");

        PaymentProvider rogueProvider = rogueProvider();
        assertThatThrownBy(() -> rogueProvider.refund(
                        new RefundRequest(paymentId, new BigDecimal("10.00")),
                        work(UUID.randomUUID(), "refund:" + paymentId),
                        permit(rogueProvider)))
                .isInstanceOf(PartnerException.class);
    }

    private static ChargeResult charge(PaymentProvider provider, ChargeRequest request) {
        return provider.charge(
                request, work(request.orderId(), request.paymentId().toString()), permit(provider));
    }

    private static ChargeRequest charge(String customerId) {
        return new ChargeRequest(UUID.randomUUID(), UUID.randomUUID(), customerId, new BigDecimal("19.90"), "EUR");
    }

    private static PartnerWorkItem work(UUID orderId, String key) {
        return new PartnerWorkItem(
                UUID.randomUUID(),
                orderId,
                "TEST",
                "provider",
                key,
                PartnerWorkItem.Status.IN_FLIGHT,
                false,
                false,
                1,
                0,
                1,
                null,
                null,
                Causation.newSaga(),
                null,
                null);
    }

    /** A call slot of the provider's own guard, as partner work reserves it. */
    private static PartnerCalls.Permit permit(PaymentProvider provider) {
        return provider.calls().reserve(1).getFirst();
    }

    /** A provider that answers whatever the test says, with status 200. */
    private PaymentProvider rogueProvider() throws IOException {
        rogue = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        rogue.createContext("/", exchange -> {
            byte[] body = rogueAnswer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        rogue.start();
        return client(URI.create("http://localhost:" + rogue.getAddress().getPort()), Duration.ofSeconds(5));
    }

    private static PaymentProvider client(URI baseUrl, Duration readTimeout) {
        return client(
                baseUrl,
                readTimeout,
                TimeLimiterConfig.custom()
                        .timeoutDuration(Duration.ofSeconds(10))
                        .build());
    }

    /** The client as the service builds it: the HTTP service interface on a RestClient with the partner converters. */
    private static PaymentProvider client(URI baseUrl, Duration readTimeout, TimeLimiterConfig timeLimit) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build());
        requests.setReadTimeout(readTimeout);
        RestClient rest = RestClient.builder()
                .baseUrl(baseUrl)
                .requestFactory(requests)
                .messageConverters(converters -> {
                    converters.clear();
                    converters.addAll(PartnerHttp.messageConverters());
                })
                .build();
        ProviderApi api = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest))
                .build()
                .createClient(ProviderApi.class);
        return new PaymentProvider(
                api,
                PartnerCalls.of(
                        "provider",
                        CircuitBreakerRegistry.ofDefaults(),
                        BulkheadRegistry.ofDefaults(),
                        TimeLimiterRegistry.of(timeLimit)));
    }
}
