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
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentRefunded;
import dev.orderflow.payment.support.FakeProvider;
import dev.orderflow.payment.support.PaymentIntegrationTest;
import dev.orderflow.payment.support.PaymentTestKit;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

@PaymentIntegrationTest
class PaymentCancellationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final PaymentTestKit kit;
    private final FakeProvider provider;
    private final PaymentProcessor processor;
    private final MockMvc mvc;

    PaymentCancellationTests(PaymentTestKit kit, FakeProvider provider, PaymentProcessor processor, MockMvc mvc) {
        this.kit = kit;
        this.provider = provider;
        this.processor = processor;
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
        assertThat(provider.refundRequests(paymentId)).isEqualTo(1);
        assertThat(provider.chargesOf(orderId))
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
                .containsEntry("payment_id", null)
                .containsEntry("next_attempt_at", null);
        assertThat((BigDecimal) kit.payment(orderId).orElseThrow().get("amount"))
                .isEqualByComparingTo("12.50");
        assertThat(provider.chargesOf(orderId)).isEmpty();
        assertThat(kit.publishedTypes(orderId)).isEmpty();
        mvc.perform(get("/api/payments").param("orderId", orderId.toString()))
                .andExpect(status().isOk())
                .andExpect(content().json("[]"));
    }

    @Test
    void cancelWhileTheChargeIsInFlightRefundsItOnceInsteadOfAuthorizing() {
        UUID orderId = UUID.randomUUID();
        FakeProvider.Hold hold = provider.holdChargeOf(orderId);
        kit.publish(stockReserved(orderId, "c-in-flight", "30.00"));
        await().atMost(WAIT).until(hold::hasArrived);

        kit.publish(orderCancelled(orderId));
        await().atMost(WAIT)
                .until(() ->
                        Boolean.TRUE.equals(kit.payment(orderId).orElseThrow().get("cancelled")));
        assertThat(kit.status(orderId)).isEqualTo("PENDING");
        hold.release();

        await().atMost(WAIT).until(() -> kit.status(orderId).equals("REFUNDED"));
        UUID paymentId = kit.paymentId(orderId);
        assertThat(kit.publishedTypes(orderId)).containsExactly(EventTypes.PAYMENT_REFUNDED.name());
        assertThat(kit.published(orderId, PaymentAuthorized.class)).isEmpty();
        assertThat(provider.refundRequests(paymentId)).isEqualTo(1);
        assertThat(provider.chargesOf(orderId))
                .singleElement()
                .satisfies(charge -> assertThat(charge.status()).isEqualTo("REFUNDED"));
    }

    @Test
    void cancelOfAnIntentWhoseCallNeverWentOutVoidsItWithoutCharging() {
        UUID orderId = UUID.randomUUID();
        processor.stop();
        try {
            kit.publish(stockReserved(orderId, "c-void", "18.00"));
            await().atMost(WAIT).until(() -> kit.status(orderId).equals("PENDING"));
            kit.publish(orderCancelled(orderId));
            await().atMost(WAIT).until(() -> kit.status(orderId).equals("VOIDED"));
        } finally {
            processor.start();
        }

        assertThat(kit.payment(orderId).orElseThrow())
                .containsEntry("next_attempt_at", null)
                .containsEntry("customer_email", null);
        assertThat(provider.chargesOf(orderId)).isEmpty();
        assertThat(kit.publishedTypes(orderId)).isEmpty();
    }
}
