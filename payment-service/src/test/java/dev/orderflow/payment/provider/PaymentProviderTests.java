package dev.orderflow.payment.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderflow.messaging.TransientFailure;
import dev.orderflow.messaging.partner.PartnerCalls;
import dev.orderflow.messaging.partner.PartnerException;
import dev.orderflow.payment.support.FakeProvider;
import dev.orderflow.testsupport.TestPorts;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PaymentProviderTests {

    private static final FakeProvider fake = FakeProvider.start();

    private final PaymentProvider client = client(fake.baseUrl(), Duration.ofSeconds(5));

    @AfterEach
    void reset() {
        fake.reset();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @Test
    void repeatedChargeWithTheSameKeyGetsTheFirstAnswerAndChargesOnce() {
        ChargeRequest request = charge("c-1");

        assertThat(client.charge(request)).isEqualTo(ChargeResult.authorized(request.paymentId()));
        assertThat(client.charge(request)).isEqualTo(ChargeResult.authorized(request.paymentId()));

        assertThat(fake.chargeRequests(request.paymentId())).isEqualTo(2);
        assertThat(fake.chargesOf(request.orderId())).hasSize(1);
    }

    @Test
    void declinedChargeCarriesTheProvidersReason() {
        ChargeRequest request = charge("decline-7");

        assertThat(client.charge(request)).isEqualTo(ChargeResult.declined(request.paymentId(), "CARD_DECLINED"));
    }

    @Test
    void refundOfAnAuthorizedChargeConfirmsTheAmount() {
        ChargeRequest request = charge("c-2");
        client.charge(request);

        assertThat(client.refund(request.paymentId(), request.amount()))
                .isEqualTo(new RefundResult(request.paymentId(), request.amount()));
        assertThat(client.refund(request.paymentId(), request.amount()))
                .isEqualTo(new RefundResult(request.paymentId(), request.amount()));
        assertThat(fake.chargesOf(request.orderId()).getFirst().status()).isEqualTo("REFUNDED");
    }

    @Test
    void unavailableProviderIsATransientFailure() {
        fake.unavailable();

        assertThatThrownBy(() -> client.charge(charge("c-3")))
                .isInstanceOf(TransientFailure.class)
                .hasMessageContaining("503");
    }

    @Test
    void unreachableProviderIsATransientFailure() {
        PaymentProvider unreachable =
                client(URI.create("http://127.0.0.1:" + TestPorts.freePort()), Duration.ofSeconds(5));

        assertThatThrownBy(() -> unreachable.charge(charge("c-4")))
                .isInstanceOf(TransientFailure.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void slowProviderTimesOutAsATransientFailure() {
        PaymentProvider impatient = client(fake.baseUrl(), Duration.ofMillis(200));
        fake.settings(new FakeProvider.Settings(2_000, 0.0));

        assertThatThrownBy(() -> impatient.charge(charge("c-5")))
                .isInstanceOf(TransientFailure.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void refusedRefundIsAPartnerException() {
        assertThatThrownBy(() -> client.refund(UUID.randomUUID(), BigDecimal.TEN))
                .isInstanceOf(PartnerException.class)
                .hasMessageContaining("404");
    }

    @Test
    void callBeyondTheTimeLimitIsCancelledAsATransientFailure() {
        PaymentProvider limited = client(
                fake.baseUrl(),
                Duration.ofSeconds(5),
                TimeLimiterConfig.custom()
                        .timeoutDuration(Duration.ofMillis(200))
                        .build());
        fake.settings(new FakeProvider.Settings(2_000, 0.0));

        assertThatThrownBy(() -> limited.charge(charge("c-6")))
                .isInstanceOf(TransientFailure.class)
                .hasMessageContaining("did not answer charge within PT0.2S");
    }

    private static ChargeRequest charge(String customerId) {
        return new ChargeRequest(UUID.randomUUID(), UUID.randomUUID(), customerId, new BigDecimal("19.90"), "EUR");
    }

    private static PaymentProvider client(URI baseUrl, Duration readTimeout) {
        return client(
                baseUrl,
                readTimeout,
                TimeLimiterConfig.custom()
                        .timeoutDuration(Duration.ofSeconds(10))
                        .build());
    }

    private static PaymentProvider client(URI baseUrl, Duration readTimeout, TimeLimiterConfig timeLimit) {
        PartnerCalls calls = PartnerCalls.of(
                "provider",
                CircuitBreakerRegistry.ofDefaults(),
                BulkheadRegistry.ofDefaults(),
                TimeLimiterRegistry.of(timeLimit));
        return PaymentProvider.create(
                new ProviderProperties(baseUrl, Duration.ofSeconds(2), readTimeout), calls, ObservationRegistry.NOOP);
    }
}
