package dev.orderflow.payment;

import static dev.orderflow.payment.support.PaymentTestKit.ADDRESS;
import static dev.orderflow.payment.support.PaymentTestKit.EMAIL;
import static dev.orderflow.payment.support.PaymentTestKit.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.events.CloudEventHeaders;
import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.payment.provider.ChargeRequest;
import dev.orderflow.payment.provider.PaymentProvider;
import dev.orderflow.payment.support.FakeProvider;
import dev.orderflow.payment.support.PaymentIntegrationTest;
import dev.orderflow.payment.support.PaymentTestKit;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

@PaymentIntegrationTest
class PaymentFlowTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final PaymentTestKit kit;
    private final FakeProvider provider;
    private final PaymentProcessor processor;
    private final PaymentProvider providerClient;
    private final MockMvc mvc;

    PaymentFlowTests(
            PaymentTestKit kit,
            FakeProvider provider,
            PaymentProcessor processor,
            PaymentProvider providerClient,
            MockMvc mvc) {
        this.kit = kit;
        this.provider = provider;
        this.processor = processor;
        this.providerClient = providerClient;
        this.mvc = mvc;
    }

    @AfterEach
    void resetProvider() {
        provider.reset();
    }

    @Test
    void chargesReservedOrderAndPublishesPaymentAuthorizedWithWhatShippingNeeds() throws Exception {
        UUID orderId = UUID.randomUUID();
        EventEnvelope reserved = kit.publish(stockReserved(orderId, "c-happy", "59.80"));

        await().atMost(WAIT)
                .until(() -> kit.published(orderId, PaymentAuthorized.class).size() == 1);
        UUID paymentId = kit.paymentId(orderId);
        assertThat(kit.published(orderId, PaymentAuthorized.class))
                .containsExactly(
                        new PaymentAuthorized(orderId, paymentId, new BigDecimal("59.80"), "EUR", EMAIL, ADDRESS));
        assertThat(provider.chargesOf(orderId)).singleElement().satisfies(charge -> {
            assertThat(charge.paymentId()).isEqualTo(paymentId);
            assertThat(charge.amount()).isEqualByComparingTo("59.80");
            assertThat(charge.customerId()).isEqualTo("c-happy");
        });
        mvc.perform(get("/api/payments").param("orderId", orderId.toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].id").value(paymentId.toString()))
                .andExpect(jsonPath("$[0].orderId").value(orderId.toString()))
                .andExpect(jsonPath("$[0].amount").value("59.80"))
                .andExpect(jsonPath("$[0].currency").value("EUR"))
                .andExpect(jsonPath("$[0].status").value("AUTHORIZED"))
                .andExpect(jsonPath("$[0].refundedAmount").value("0.00"));
        // Personal data is kept only until PaymentAuthorized carries it on.
        assertThat(kit.payment(orderId).orElseThrow())
                .containsEntry("customer_email", null)
                .containsEntry("shipping_address", null);

        await().atMost(WAIT)
                .until(() -> !kit.records(kit.topics().payments(), orderId).isEmpty());
        ConsumerRecord<String, byte[]> record =
                kit.records(kit.topics().payments(), orderId).getFirst();
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.PAYMENT_AUTHORIZED.name());
        assertThat(header(record, CloudEventHeaders.CAUSATION_ID))
                .isEqualTo(reserved.id().toString());
        assertThat(header(record, CloudEventHeaders.CORRELATION_ID))
                .isEqualTo(reserved.correlationId().toString());
    }

    @Test
    void declinedChargePublishesPaymentDeclinedWithTheProvidersReason() throws Exception {
        UUID orderId = UUID.randomUUID();
        kit.publish(stockReserved(orderId, "decline-42", "10.00"));

        await().atMost(WAIT)
                .until(() -> kit.published(orderId, PaymentDeclined.class).size() == 1);
        assertThat(kit.published(orderId, PaymentDeclined.class))
                .containsExactly(new PaymentDeclined(orderId, kit.paymentId(orderId), "CARD_DECLINED"));
        assertThat(kit.publishedTypes(orderId)).containsExactly(EventTypes.PAYMENT_DECLINED.name());
        mvc.perform(get("/api/payments").param("orderId", orderId.toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].status").value("DECLINED"));
    }

    @Test
    void retriesWhileTheProviderIsDownWithoutDeadLetteringAndChargesOnceItRecovers() {
        UUID orderId = UUID.randomUUID();
        provider.unavailable();
        kit.publish(stockReserved(orderId, "c-provider-down", "25.00"));

        await().atMost(WAIT).until(() -> kit.payment(orderId).isPresent());
        UUID paymentId = kit.paymentId(orderId);
        await().atMost(WAIT).until(() -> provider.unavailableAnswers(paymentId) >= 3);
        assertThat(kit.status(orderId)).isEqualTo("PENDING");
        assertThat((String) kit.payment(orderId).orElseThrow().get("last_error"))
                .contains("503");

        provider.available();
        await().atMost(WAIT).until(() -> kit.status(orderId).equals("AUTHORIZED"));
        assertThat(kit.published(orderId, PaymentAuthorized.class)).hasSize(1);
        assertThat(provider.chargesOf(orderId)).hasSize(1);
        assertThat(kit.deadLetters(orderId)).isEmpty();
    }

    @Test
    void paymentLeftPendingByACrashIsDrivenAgainAndChargedOnce() {
        UUID orderId = UUID.randomUUID();
        StockReserved reserved = stockReserved(orderId, "c-crash", "42.00");
        processor.stop();
        try {
            kit.publish(reserved);
            await().atMost(WAIT).until(() -> kit.status(orderId).equals("PENDING"));
            UUID paymentId = kit.paymentId(orderId);
            // The instance that took the payment made the call and died before recording the answer...
            providerClient.charge(new ChargeRequest(paymentId, orderId, "c-crash", new BigDecimal("42.00"), "EUR"));
            kit.jdbc()
                    .sql("update payment set attempts = 1, next_attempt_at = now() where order_id = :orderId")
                    .param("orderId", orderId)
                    .update();
            // ...and its lease has run out.
        } finally {
            processor.start();
        }

        await().atMost(WAIT).until(() -> kit.status(orderId).equals("AUTHORIZED"));
        UUID paymentId = kit.paymentId(orderId);
        assertThat(kit.published(orderId, PaymentAuthorized.class)).hasSize(1);
        assertThat(provider.chargeRequests(paymentId)).isEqualTo(2);
        assertThat(provider.chargesOf(orderId)).hasSize(1);
    }

    @Test
    void listingPaymentsNeedsAnOrderIdAndAnswersProblemDetailsOtherwise() throws Exception {
        mvc.perform(get("/api/payments"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(get("/api/payments").param("orderId", "not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(get("/api/payments").param("orderId", UUID.randomUUID().toString()))
                .andExpect(status().isOk())
                .andExpect(content().json("[]"));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
