package dev.orderflow.payment;

import static dev.orderflow.payment.support.PaymentTestKit.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.messaging.partner.PartnerCalls;
import dev.orderflow.messaging.partner.PartnerException;
import dev.orderflow.payment.provider.ChargeRequest;
import dev.orderflow.payment.provider.PaymentProvider;
import dev.orderflow.payment.provider.ProviderProperties;
import dev.orderflow.payment.support.FakeProvider;
import dev.orderflow.payment.support.PaymentIntegrationTest;
import dev.orderflow.payment.support.PaymentTestKit;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OWASP API10:2023 Unsafe Consumption of APIs. What the payment provider answers and what other services publish is
 * untrusted input: an answer that breaks the contract is a partner failure, never a payment; a decline reason is
 * bounded and cleaned before it travels on; an event that fails validation is dead-lettered with its reason and
 * charges nothing.
 */
@PaymentIntegrationTest
class Api10UnsafeConsumptionTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final PaymentTestKit kit;
    private final FakeProvider provider;
    private final AtomicReference<String> answer = new AtomicReference<>();
    private HttpServer rogue;

    Api10UnsafeConsumptionTests(PaymentTestKit kit, FakeProvider provider) {
        this.kit = kit;
        this.provider = provider;
    }

    @AfterEach
    void stopRogue() {
        if (rogue != null) {
            rogue.stop(0);
        }
    }

    @Test
    void chargeAnswerForAnotherPaymentIsRefused() throws IOException {
        ChargeRequest request = request();
        answer.set("{\"paymentId\":\"" + UUID.randomUUID() + "\",\"status\":\"AUTHORIZED\"}");

        assertThatThrownBy(() -> rogueProvider().charge(request)).isInstanceOf(PartnerException.class);
    }

    @Test
    void chargeAnswerWithAnUnknownStatusIsRefused() throws IOException {
        ChargeRequest request = request();
        answer.set("{\"paymentId\":\"" + request.paymentId() + "\",\"status\":\"PAID_IN_FULL\"}");

        assertThatThrownBy(() -> rogueProvider().charge(request)).isInstanceOf(PartnerException.class);
    }

    @Test
    void answerThatIsNotJsonIsRefused() throws IOException {
        answer.set("<html>gateway error</html>");

        assertThatThrownBy(() -> rogueProvider().charge(request())).isInstanceOf(RuntimeException.class);
    }

    @Test
    void declineReasonIsBoundedAndCleanedBeforeItTravelsOn() throws IOException {
        ChargeRequest request = request();
        answer.set("{\"paymentId\":\"" + request.paymentId()
                + "\",\"status\":\"DECLINED\",\"reason\":\"bad\\u0000\\u001b[31m" + "x".repeat(5_000) + "\"}");

        String reason = rogueProvider().charge(request).declineReason();

        assertThat(reason)
                .hasSizeLessThanOrEqualTo(200)
                .doesNotContain("\u0000")
                .doesNotContain("\u001b");
    }

    @Test
    void refundAnswerWithAnotherAmountIsRefused() throws IOException {
        UUID paymentId = UUID.randomUUID();
        answer.set("{\"paymentId\":\"" + paymentId + "\",\"status\":\"REFUNDED\",\"refundedAmount\":\"1000.00\"}");

        assertThatThrownBy(() -> rogueProvider().refund(paymentId, new BigDecimal("10.00")))
                .isInstanceOf(PartnerException.class);
    }

    @Test
    void invalidEventIsDeadLetteredWithItsReasonAndChargesNothing() {
        UUID orderId = UUID.randomUUID();
        StockReserved valid = stockReserved(orderId, "c-api10", "10.00");
        StockReserved negativeTotal = new StockReserved(
                orderId,
                valid.reservationId(),
                valid.customerId(),
                "not-an-email",
                valid.shippingAddress(),
                valid.lines(),
                new BigDecimal("-10.00"),
                "EURO");

        kit.redeliver(EventEnvelope.first(EventTypes.STOCK_RESERVED, orderId, Instant.now()), negativeTotal);

        await().atMost(WAIT).until(() -> !kit.deadLetters(orderId).isEmpty());
        assertThat(kit.deadLetters(orderId)).containsExactly("INVALID_PAYLOAD");
        assertThat(kit.payment(orderId)).isEmpty();
        assertThat(provider.chargesOf(orderId)).isEmpty();
    }

    private static ChargeRequest request() {
        return new ChargeRequest(UUID.randomUUID(), UUID.randomUUID(), "c-api10", new BigDecimal("10.00"), "EUR");
    }

    /** A provider that answers whatever the test says, with status 200. */
    private PaymentProvider rogueProvider() throws IOException {
        rogue = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        rogue.createContext("/", exchange -> {
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        rogue.start();
        URI base = URI.create("http://localhost:" + rogue.getAddress().getPort());
        PartnerCalls calls = PartnerCalls.of(
                "rogue-provider",
                CircuitBreakerRegistry.ofDefaults(),
                BulkheadRegistry.ofDefaults(),
                TimeLimiterRegistry.ofDefaults());
        return PaymentProvider.create(
                new ProviderProperties(base, Duration.ofSeconds(2), Duration.ofSeconds(5)),
                calls,
                ObservationRegistry.NOOP);
    }
}
