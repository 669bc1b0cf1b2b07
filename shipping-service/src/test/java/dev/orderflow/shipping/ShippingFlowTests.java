package dev.orderflow.shipping;

import static dev.orderflow.shipping.support.ShippingTestKit.paymentAuthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.shipping.ShipmentFailed;
import dev.orderflow.events.shipping.ShipmentScheduled;
import dev.orderflow.messaging.partner.PartnerWorkItem;
import dev.orderflow.shipping.support.ShippingIntegrationTest;
import dev.orderflow.shipping.support.ShippingTestKit;
import dev.orderflow.testsupport.SandboxPartners;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

@ShippingIntegrationTest
class ShippingFlowTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ShippingTestKit kit;
    private final SandboxPartners sandbox;
    private final SandboxPartners.Partner carrier;
    private final MockMvc mvc;

    ShippingFlowTests(ShippingTestKit kit, SandboxPartners sandbox, MockMvc mvc) {
        this.kit = kit;
        this.sandbox = sandbox;
        this.carrier = sandbox.carrier();
        this.mvc = mvc;
    }

    @AfterEach
    void resetCarrier() {
        carrier.reset();
    }

    @Test
    void paidOrderIsBookedAndShipmentScheduledIsPublishedWithTheTrackingNumber() throws Exception {
        UUID orderId = UUID.randomUUID();
        kit.publish(paymentAuthorized(orderId, "DE"));

        await().atMost(WAIT)
                .until(() -> kit.published(orderId, ShipmentScheduled.class).size() == 1);
        ShipmentScheduled scheduled =
                kit.published(orderId, ShipmentScheduled.class).getFirst();
        assertThat(sandbox.shipments(orderId)).singleElement().satisfies(booked -> {
            assertThat(booked.carrier()).isEqualTo(scheduled.carrier());
            assertThat(booked.trackingNumber()).isEqualTo(scheduled.trackingNumber());
            assertThat(booked.status()).isEqualTo("BOOKED");
        });
        assertThat(carrier.journal(orderId))
                .singleElement()
                .satisfies(request -> assertThat(request.idempotencyKey()).isEqualTo(orderId.toString()));
        assertThat(kit.shipment(orderId).orElseThrow())
                .containsEntry("status", "SCHEDULED")
                .as("the address is forgotten once the carrier has it")
                .containsEntry("shipping_address", null);
        mvc.perform(get("/api/shipments").param("orderId", orderId.toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].id").value(scheduled.shipmentId().toString()))
                .andExpect(jsonPath("$[0].status").value("SCHEDULED"))
                .andExpect(jsonPath("$[0].trackingNumber").value(scheduled.trackingNumber()))
                .andExpect(jsonPath("$[0].shippingAddress").doesNotExist());
    }

    @Test
    void undeliverableCountryPublishesShipmentFailedWithTheCarriersReason() {
        UUID orderId = UUID.randomUUID();
        kit.publish(paymentAuthorized(orderId, "XX"));

        await().atMost(WAIT).until(() -> kit.status(orderId).equals("FAILED"));
        assertThat(kit.published(orderId, ShipmentFailed.class))
                .containsExactly(new ShipmentFailed(orderId, "ADDRESS_NOT_SERVED"));
        assertThat(kit.published(orderId, ShipmentScheduled.class)).isEmpty();
    }

    @Test
    void redeliveredPaymentBooksOnce() {
        UUID orderId = UUID.randomUUID();
        kit.publish(paymentAuthorized(orderId, "DE"));
        await().atMost(WAIT).until(() -> kit.status(orderId).equals("SCHEDULED"));

        EventEnvelope again = kit.publish(paymentAuthorized(orderId, "DE"));
        await().atMost(WAIT).until(() -> kit.applied(again));

        assertThat(kit.published(orderId, ShipmentScheduled.class)).hasSize(1);
        assertThat(carrier.journal(orderId)).hasSize(1);
    }

    @Test
    void carrierDownDelaysTheBookingWithoutDeadLetteringAndBooksOnceItRecovers() {
        UUID orderId = UUID.randomUUID();
        carrier.faults(0, 1.0);
        kit.publish(paymentAuthorized(orderId, "DE"));
        await().atMost(WAIT)
                .until(() -> kit.partnerWork(orderId, ShippingStep.BOOK)
                                .map(PartnerWorkItem::attempts)
                                .orElse(0)
                        >= 2);
        assertThat(kit.status(orderId)).isEqualTo("PENDING");
        assertThat(kit.partnerWork(orderId, ShippingStep.BOOK).orElseThrow().lastError())
                .contains("503");

        carrier.reset();
        await().atMost(WAIT).until(() -> kit.status(orderId).equals("SCHEDULED"));
        assertThat(kit.published(orderId, ShipmentScheduled.class)).hasSize(1);
        assertThat(kit.deadLetters(orderId)).isEmpty();
    }

    @Test
    void readApiAnswersABadOrderIdWithProblemDetails() throws Exception {
        mvc.perform(get("/api/shipments").param("orderId", "not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }
}
