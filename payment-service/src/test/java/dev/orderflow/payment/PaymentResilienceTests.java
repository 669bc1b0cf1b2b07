package dev.orderflow.payment;

import static dev.orderflow.payment.support.PaymentTestKit.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.payment.support.PaymentIntegrationTest;
import dev.orderflow.payment.support.PaymentTestKit;
import dev.orderflow.testsupport.SandboxPartners;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The provider's guard on real Kafka and PostgreSQL: an outage opens the circuit and payments wait (no dead letters, no
 * attempts spent while it is open) until the provider is back; a provider slower than the time limit is cut off, the
 * time-outs are counted, and the repeated call with the same key charges once.
 */
@PaymentIntegrationTest
@TestPropertySource(
        properties = {
            "resilience4j.timelimiter.instances.provider.timeout-duration=500ms",
            "resilience4j.circuitbreaker.instances.provider.wait-duration-in-open-state=10s"
        })
class PaymentResilienceTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final PaymentTestKit kit;
    private final SandboxPartners sandbox;
    private final SandboxPartners.Partner provider;
    private final CircuitBreaker circuit;

    PaymentResilienceTests(PaymentTestKit kit, SandboxPartners sandbox, CircuitBreakerRegistry circuitBreakers) {
        this.kit = kit;
        this.sandbox = sandbox;
        this.provider = sandbox.provider();
        this.circuit = circuitBreakers.circuitBreaker("provider");
    }

    @AfterEach
    void providerIsBack() {
        provider.reset();
        circuit.reset();
    }

    @Test
    void providerOutageOpensTheCircuitPaymentsWaitWithoutDeadLettersAndCompleteWhenItIsBack() {
        provider.faults(0, 1.0);
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID orderId = UUID.randomUUID();
            orders.add(orderId);
            kit.publish(stockReserved(orderId, "c-outage-" + i, "10.00"));
        }

        await().atMost(WAIT).until(() -> circuit.getState() == CircuitBreaker.State.OPEN);
        // Calls taken just before the circuit opened end first (refused by the open circuit, not dispatched). Then,
        // while the circuit is open (10 s), partner work takes nothing: no attempt is spent, nothing reaches the
        // provider. Checked for 2 s, well inside the open time.
        AtomicReference<List<Object>> seen = new AtomicReference<>(List.of());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(8)).until(() -> {
            List<Object> now = List.of(attempts(orders), refusedCalls(orders));
            return now.equals(seen.getAndSet(now));
        });
        assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        for (UUID orderId : orders) {
            assertThat(kit.status(orderId)).isEqualTo("PENDING");
            assertThat(kit.deadLetters(orderId)).isEmpty();
        }
        assertThat(circuit.getMetrics().getNumberOfFailedCalls()).isGreaterThanOrEqualTo(5);

        provider.reset();

        for (UUID orderId : orders) {
            await().atMost(WAIT)
                    .until(() -> kit.published(orderId, PaymentAuthorized.class).size() == 1);
            assertThat(sandbox.charges(orderId)).hasSize(1);
            assertThat(kit.deadLetters(orderId)).isEmpty();
        }
        await().atMost(WAIT).until(() -> circuit.getState() == CircuitBreaker.State.CLOSED);
    }

    @Test
    void providerSlowerThanTheTimeLimitIsCutOffCountedAndChargedOnceWhenRetried() {
        double timeOutsBefore = kit.counter("resilience4j.timelimiter.calls", "name", "provider", "kind", "timeout");
        provider.faults(1_500, 0.0);
        UUID orderId = UUID.randomUUID();

        kit.publish(stockReserved(orderId, "c-slow", "12.00"));

        await().atMost(WAIT)
                .until(() -> kit.counter("resilience4j.timelimiter.calls", "name", "provider", "kind", "timeout")
                        > timeOutsBefore);
        await().atMost(WAIT).until(() -> !sandbox.charges(orderId).isEmpty());
        provider.reset();

        await().atMost(WAIT)
                .until(() -> kit.published(orderId, PaymentAuthorized.class).size() == 1);
        assertThat(provider.journal(orderId)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(sandbox.charges(orderId)).hasSize(1);
        assertThat(kit.deadLetters(orderId)).isEmpty();
    }

    private Map<UUID, Object> attempts(List<UUID> orders) {
        Map<UUID, Object> attempts = new HashMap<>();
        orders.forEach(o -> attempts.put(
                o, kit.partnerWork(o, PaymentStep.CHARGE).orElseThrow().attempts()));
        return attempts;
    }

    private int refusedCalls(List<UUID> orders) {
        return orders.stream().mapToInt(o -> provider.journal(o).size()).sum();
    }
}
