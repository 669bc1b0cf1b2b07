package dev.orderflow.payment;

import static dev.orderflow.payment.support.PaymentTestKit.orderCancelled;
import static dev.orderflow.payment.support.PaymentTestKit.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.payment.PaymentAuthorizedAfterCancellation;
import dev.orderflow.events.payment.PaymentRefunded;
import dev.orderflow.messaging.partner.PartnerWork;
import dev.orderflow.messaging.partner.PartnerWorkItem;
import dev.orderflow.payment.support.PaymentIntegrationTest;
import dev.orderflow.payment.support.PaymentTestKit;
import dev.orderflow.testsupport.SandboxPartners;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Cancellations against the real sandbox provider, every case of ADR 0010: a charge that never reached the provider is
 * voided and nothing is ever charged; a charge in flight is answered, announced and refunded once; an authorized payment
 * is refunded exactly once, with its own idempotency key; and the payments topic reads as a ledger.
 */
@PaymentIntegrationTest
class PaymentCancellationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final PaymentTestKit kit;
    private final SandboxPartners sandbox;
    private final SandboxPartners.Partner provider;
    private final PartnerWork partnerWork;
    private final MockMvc mvc;

    PaymentCancellationTests(PaymentTestKit kit, SandboxPartners sandbox, PartnerWork partnerWork, MockMvc mvc) {
        this.kit = kit;
        this.sandbox = sandbox;
        this.provider = sandbox.provider();
        this.partnerWork = partnerWork;
        this.mvc = mvc;
    }

    @AfterEach
    void resetProvider() {
        provider.reset();
    }

    @Test
    void cancelAfterAuthorizationRefundsExactlyOnceEvenWhenTheCancellationArrivesAgain() throws Exception {
        UUID orderId = UUID.randomUUID();
        kit.publish(stockReserved(orderId, "c-refund", "59.80"));
        await().atMost(WAIT).until(() -> kit.status(orderId).equals("AUTHORIZED"));
        UUID paymentId = kit.paymentId(orderId);

        OrderCancelled cancelled = orderCancelled(orderId);
        EventEnvelope cancellation = kit.publish(cancelled);
        await().atMost(WAIT).until(() -> kit.status(orderId).equals("REFUNDED"));
        assertThat(kit.published(orderId, PaymentRefunded.class))
                .containsExactly(new PaymentRefunded(orderId, paymentId, new BigDecimal("59.80"), "EUR"));

        double duplicatesBefore =
                kit.counter("orderflow.inbox.duplicates", "group", PaymentTestKit.GROUP, "type", cancellation.type());
        kit.redeliver(cancellation, cancelled);
        EventEnvelope another = kit.publish(orderCancelled(orderId));
        await().atMost(WAIT)
                .until(() -> kit.counter(
                                        "orderflow.inbox.duplicates",
                                        "group",
                                        PaymentTestKit.GROUP,
                                        "type",
                                        cancellation.type())
                                > duplicatesBefore
                        && kit.applied(another));

        assertThat(kit.published(orderId, PaymentRefunded.class)).hasSize(1);
        assertThat(provider.journal(orderId))
                .filteredOn(request -> request.operation().equals("refund"))
                .singleElement()
                .satisfies(refund -> assertThat(refund.idempotencyKey()).isEqualTo("refund:" + paymentId));
        assertThat(sandbox.charges(orderId))
                .singleElement()
                .satisfies(charge -> assertThat(charge.status()).isEqualTo("REFUNDED"));
        mvc.perform(get("/api/payments").param("orderId", orderId.toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].status").value("REFUNDED"))
                .andExpect(jsonPath("$[0].refundedAmount").value("59.80"));
    }

    @Test
    void cancelBeforeTheReservationLeavesATombstoneAndTheOrderIsNeverCharged() throws Exception {
        UUID orderId = UUID.randomUUID();
        kit.publish(orderCancelled(orderId));
        await().atMost(WAIT).until(() -> kit.status(orderId).equals("VOIDED"));

        EventEnvelope lateReservation = kit.publish(stockReserved(orderId, "c-tombstone", "12.50"));
        await().atMost(WAIT).until(() -> kit.applied(lateReservation));

        assertThat(kit.payment(orderId).orElseThrow())
                .containsEntry("status", "VOIDED")
                .containsEntry("payment_id", null);
        assertThat((BigDecimal) kit.payment(orderId).orElseThrow().get("amount"))
                .isEqualByComparingTo("12.50");
        assertThat(kit.partnerWork(orderId)).isEmpty();
        assertThat(provider.journal(orderId)).isEmpty();
        assertThat(kit.publishedTypes(orderId)).isEmpty();
        mvc.perform(get("/api/payments").param("orderId", orderId.toString()))
                .andExpect(status().isOk())
                .andExpect(content().json("[]"));
    }

    @Test
    void chargeInFlightWhenTheOrderIsCancelledIsAnnouncedAsSuchAndRefundedOnce() {
        UUID orderId = UUID.randomUUID();
        provider.hold();
        kit.publish(stockReserved(orderId, "c-in-flight", "30.00"));
        await().atMost(WAIT).until(() -> !sandbox.charges(orderId).isEmpty());

        kit.publish(orderCancelled(orderId));
        await().atMost(WAIT)
                .until(() ->
                        Boolean.TRUE.equals(kit.payment(orderId).orElseThrow().get("cancelled")));
        assertThat(kit.status(orderId)).isEqualTo("PENDING");
        provider.release();

        await().atMost(WAIT).until(() -> kit.status(orderId).equals("REFUNDED"));
        UUID paymentId = kit.paymentId(orderId);
        assertThat(kit.publishedTypes(orderId))
                .as("the payments topic reads as a ledger: +30.00, then -30.00")
                .containsExactly(
                        EventTypes.PAYMENT_AUTHORIZED_AFTER_CANCELLATION.name(), EventTypes.PAYMENT_REFUNDED.name());
        assertThat(kit.published(orderId, PaymentAuthorizedAfterCancellation.class))
                .containsExactly(
                        new PaymentAuthorizedAfterCancellation(orderId, paymentId, new BigDecimal("30.00"), "EUR"));
        assertThat(provider.journal(orderId))
                .extracting(SandboxPartners.JournalEntry::operation)
                .containsExactly("charge", "refund");
        assertThat(sandbox.charges(orderId))
                .singleElement()
                .satisfies(charge -> assertThat(charge.status()).isEqualTo("REFUNDED"));
    }

    @Test
    void cancelOfAChargeNoWorkerTookYetVoidsItWithoutCharging() {
        UUID orderId = UUID.randomUUID();
        partnerWork.stop();
        try {
            kit.publish(stockReserved(orderId, "c-void", "18.00"));
            await().atMost(WAIT).until(() -> kit.status(orderId).equals("PENDING"));
            kit.publish(orderCancelled(orderId));
            await().atMost(WAIT).until(() -> kit.status(orderId).equals("VOIDED"));
        } finally {
            partnerWork.start();
        }

        assertThat(kit.payment(orderId).orElseThrow()).containsEntry("customer_email", null);
        assertThat(kit.partnerWork(orderId, PaymentStep.CHARGE).orElseThrow().status())
                .isEqualTo(PartnerWorkItem.Status.VOIDED);
        assertThat(provider.journal(orderId)).isEmpty();
        assertThat(sandbox.charges(orderId)).isEmpty();
        assertThat(kit.publishedTypes(orderId)).isEmpty();
    }

    @Test
    void cancelAfterAttemptsThatNeverReachedTheProviderVoidsTheChargeAndNothingIsEverCharged() {
        UUID orderId = UUID.randomUUID();
        provider.faults(0, 1.0);
        kit.publish(stockReserved(orderId, "c-never-reached", "21.00"));
        await().atMost(WAIT)
                .until(() -> kit.partnerWork(orderId, PaymentStep.CHARGE)
                                .map(PartnerWorkItem::attempts)
                                .orElse(0)
                        >= 2);

        kit.publish(orderCancelled(orderId));
        await().atMost(WAIT).until(() -> kit.status(orderId).equals("VOIDED"));
        Instant voided = Instant.now();
        provider.reset();

        await().during(Duration.ofSeconds(1))
                .atMost(WAIT)
                .until(() -> provider.journal(orderId).stream().noneMatch(r -> r.at().isAfter(voided)));
        assertThat(provider.journal(orderId))
                .as("every attempt was refused before the provider did anything")
                .isNotEmpty()
                .allSatisfy(request -> assertThat(request.status()).isEqualTo(503));
        assertThat(sandbox.charges(orderId)).isEmpty();
        assertThat(kit.publishedTypes(orderId)).isEmpty();
        assertThat(kit.partnerWork(orderId, PaymentStep.CHARGE).orElseThrow().dispatched())
                .isZero();
    }
}
