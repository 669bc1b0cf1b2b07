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
import dev.orderflow.messaging.partner.PartnerWork;
import dev.orderflow.messaging.partner.PartnerWorkItem;
import dev.orderflow.payment.support.PaymentIntegrationTest;
import dev.orderflow.payment.support.PaymentTestKit;
import dev.orderflow.testsupport.SandboxPartners;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

@PaymentIntegrationTest
class PaymentFlowTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final PaymentTestKit kit;
    private final SandboxPartners sandbox;
    private final SandboxPartners.Partner provider;
    private final PartnerWork partnerWork;
    private final MockMvc mvc;

    PaymentFlowTests(PaymentTestKit kit, SandboxPartners sandbox, PartnerWork partnerWork, MockMvc mvc) {
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
    void chargesReservedOrderAndPublishesPaymentAuthorizedWithWhatShippingNeeds() throws Exception {
        UUID orderId = UUID.randomUUID();
        EventEnvelope reserved = kit.publish(stockReserved(orderId, "c-happy", "59.80"));

        await().atMost(WAIT)
                .until(() -> kit.published(orderId, PaymentAuthorized.class).size() == 1);
        UUID paymentId = kit.paymentId(orderId);
        assertThat(kit.published(orderId, PaymentAuthorized.class))
                .containsExactly(
                        new PaymentAuthorized(orderId, paymentId, new BigDecimal("59.80"), "EUR", EMAIL, ADDRESS));
        assertThat(sandbox.charges(orderId)).singleElement().satisfies(charge -> {
            assertThat(charge.paymentId()).isEqualTo(paymentId);
            assertThat(charge.amount()).isEqualByComparingTo("59.80");
            assertThat(charge.status()).isEqualTo("AUTHORIZED");
        });
        assertThat(provider.journal(orderId))
                .singleElement()
                .satisfies(request -> assertThat(request.idempotencyKey()).isEqualTo(paymentId.toString()));
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
        provider.faults(0, 1.0);
        kit.publish(stockReserved(orderId, "c-provider-down", "25.00"));

        await().atMost(WAIT)
                .until(() -> kit.partnerWork(orderId, PaymentStep.CHARGE)
                                .map(PartnerWorkItem::attempts)
                                .orElse(0)
                        >= 3);
        assertThat(kit.status(orderId)).isEqualTo("PENDING");
        PartnerWorkItem waiting = kit.partnerWork(orderId, PaymentStep.CHARGE).orElseThrow();
        assertThat(waiting.lastError()).contains("503");
        assertThat(waiting.dispatched())
                .as("a 503 is refused before the provider does anything")
                .isZero();

        provider.reset();
        await().atMost(WAIT).until(() -> kit.status(orderId).equals("AUTHORIZED"));
        assertThat(kit.published(orderId, PaymentAuthorized.class)).hasSize(1);
        assertThat(sandbox.charges(orderId)).hasSize(1);
        assertThat(kit.deadLetters(orderId)).isEmpty();
    }

    @Test
    void paymentLeftPendingByACrashIsDrivenAgainAndChargedOnce() throws Exception {
        UUID orderId = UUID.randomUUID();
        StockReserved reserved = stockReserved(orderId, "c-crash", "42.00");
        partnerWork.stop();
        try {
            kit.publish(reserved);
            await().atMost(WAIT)
                    .until(() -> kit.partnerWork(orderId, PaymentStep.CHARGE).isPresent());
            UUID paymentId = kit.paymentId(orderId);
            // The instance that took the charge made the call and died before recording the answer...
            chargeAtTheProvider(paymentId, orderId, "c-crash", "42.00");
            kit.jdbc().sql("""
                            update partner_work set status = 'IN_FLIGHT', attempts = 1, fence = 1,
                                                    next_attempt_at = now()
                            where order_id = :orderId""").param("orderId", orderId).update();
            // ...and its lease has run out.
        } finally {
            partnerWork.start();
        }

        await().atMost(WAIT).until(() -> kit.status(orderId).equals("AUTHORIZED"));
        assertThat(kit.published(orderId, PaymentAuthorized.class)).hasSize(1);
        assertThat(provider.journal(orderId)).hasSize(2);
        assertThat(sandbox.charges(orderId)).hasSize(1);
        PartnerWorkItem charged = kit.partnerWork(orderId, PaymentStep.CHARGE).orElseThrow();
        assertThat(charged.attempts()).isEqualTo(2);
        assertThat(charged.inDoubt())
                .as("the dead worker may have dispatched its call")
                .isTrue();
    }

    /** Untrusted input (OWASP API10): an event that breaks its contract is dead-lettered and charges nothing. */
    @Test
    void invalidEventIsDeadLetteredWithItsReasonAndChargesNothing() {
        UUID orderId = UUID.randomUUID();
        StockReserved valid = stockReserved(orderId, "c-invalid", "10.00");
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
        assertThat(provider.journal(orderId)).isEmpty();
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

    /** A charge made straight at the provider, as the instance that died had made it. */
    private void chargeAtTheProvider(UUID paymentId, UUID orderId, String customerId, String amount) throws Exception {
        String body =
                "{\"paymentId\":\"%s\",\"orderId\":\"%s\",\"customerId\":\"%s\",\"amount\":\"%s\",\"currency\":\"EUR\"}"
                        .formatted(paymentId, orderId, customerId, amount);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/provider/charges"))
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", paymentId.toString())
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
