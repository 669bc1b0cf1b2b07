package dev.orderflow.payment;

import static dev.orderflow.payment.support.PaymentTestKit.orderCancelled;
import static dev.orderflow.payment.support.PaymentTestKit.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.EventTypes;
import dev.orderflow.messaging.partner.PartnerWork;
import dev.orderflow.messaging.partner.PartnerWorkItem;
import dev.orderflow.payment.support.PaymentIntegrationTest;
import dev.orderflow.payment.support.PaymentTestKit;
import dev.orderflow.testsupport.SandboxPartners;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A charge that reached the provider without an answer (the time limit cut it off) is in doubt: when the order is then
 * cancelled, the provider is asked what it holds before anything new happens, and what it charged is refunded once.
 * Shares the short-time-limit context of {@link PaymentResilienceTests}.
 */
@PaymentIntegrationTest
@TestPropertySource(
        properties = {
            "resilience4j.timelimiter.instances.provider.timeout-duration=500ms",
            "resilience4j.circuitbreaker.instances.provider.wait-duration-in-open-state=10s"
        })
class ChargeInDoubtTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final PaymentTestKit kit;
    private final SandboxPartners sandbox;
    private final SandboxPartners.Partner provider;
    private final PartnerWork partnerWork;

    ChargeInDoubtTests(PaymentTestKit kit, SandboxPartners sandbox, PartnerWork partnerWork) {
        this.kit = kit;
        this.sandbox = sandbox;
        this.provider = sandbox.provider();
        this.partnerWork = partnerWork;
    }

    @AfterEach
    void resetProvider() {
        provider.reset();
    }

    @Test
    void cancelWhileTheChargeMayHaveReachedTheProviderIsResolvedByALookupAndRefundedOnce() {
        UUID orderId = UUID.randomUUID();
        provider.hold();
        kit.publish(stockReserved(orderId, "c-in-doubt", "17.00"));
        await().atMost(WAIT)
                .until(() -> kit.partnerWork(orderId, PaymentStep.CHARGE)
                        .map(PartnerWorkItem::inDoubt)
                        .orElse(false));
        assertThat(sandbox.charges(orderId)).as("the provider did charge").hasSize(1);
        long chargesSent;
        partnerWork.stop();
        try {
            chargesSent = charges(orderId);
            kit.publish(orderCancelled(orderId));
            await().atMost(WAIT)
                    .until(() -> Boolean.TRUE.equals(
                            kit.payment(orderId).orElseThrow().get("cancelled")));
            provider.release();
        } finally {
            partnerWork.start();
        }

        await().atMost(WAIT)
                .until(() -> kit.partnerWork(orderId, PaymentStep.CHARGE)
                        .map(w -> w.status() == PartnerWorkItem.Status.DONE)
                        .orElse(false));
        assertThat(charges(orderId))
                .as("no charge was sent after the cancellation")
                .isEqualTo(chargesSent);
        await().atMost(WAIT).until(() -> kit.status(orderId).equals("REFUNDED"));
        assertThat(kit.publishedTypes(orderId))
                .containsExactly(
                        EventTypes.PAYMENT_AUTHORIZED_AFTER_CANCELLATION.name(), EventTypes.PAYMENT_REFUNDED.name());
        assertThat(charges(orderId)).isEqualTo(chargesSent);
        assertThat(sandbox.charges(orderId))
                .singleElement()
                .satisfies(charge -> assertThat(charge.status()).isEqualTo("REFUNDED"));
    }

    private long charges(UUID orderId) {
        return provider.journal(orderId).stream()
                .filter(request -> request.operation().equals("charge"))
                .count();
    }
}
