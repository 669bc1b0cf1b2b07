package dev.orderflow.shipping;

import static dev.orderflow.shipping.support.ShippingTestKit.orderCancelled;
import static dev.orderflow.shipping.support.ShippingTestKit.paymentAuthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.shipping.ShipmentCancelled;
import dev.orderflow.events.shipping.ShipmentScheduled;
import dev.orderflow.shipping.support.FakeCarrier;
import dev.orderflow.shipping.support.ShippingIntegrationTest;
import dev.orderflow.shipping.support.ShippingTestKit;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

@ShippingIntegrationTest
class ShippingCancellationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ShippingTestKit kit;
    private final FakeCarrier carrier;
    private final ShipmentProcessor processor;
    private final MockMvc mvc;

    ShippingCancellationTests(ShippingTestKit kit, FakeCarrier carrier, ShipmentProcessor processor, MockMvc mvc) {
        this.kit = kit;
        this.carrier = carrier;
        this.processor = processor;
        this.mvc = mvc;
    }

    @AfterEach
    void resetCarrier() {
        carrier.reset();
    }

    @Test
    void cancelAfterBookingCancelsWithTheCarrierExactlyOnceEvenWhenTheCancellationArrivesAgain() throws Exception {
        UUID orderId = UUID.randomUUID();
        kit.publish(paymentAuthorized(orderId, "DE"));
        await().atMost(WAIT).until(() -> kit.status(orderId).equals("SCHEDULED"));
        UUID shipmentId =
                kit.published(orderId, ShipmentScheduled.class).getFirst().shipmentId();

        kit.publish(orderCancelled(orderId));
        await().atMost(WAIT).until(() -> kit.status(orderId).equals("CANCELLED"));
        EventEnvelope again = kit.publish(orderCancelled(orderId));
        await().atMost(WAIT).until(() -> kit.applied(again));

        assertThat(kit.published(orderId, ShipmentCancelled.class))
                .containsExactly(new ShipmentCancelled(orderId, shipmentId));
        assertThat(carrier.cancelRequests(orderId)).isEqualTo(1);
        assertThat(carrier.statusOf(orderId)).isEqualTo("CANCELLED");
        mvc.perform(get("/api/shipments").param("orderId", orderId.toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].status").value("CANCELLED"));
    }

    @Test
    void cancelBeforeThePaymentLeavesATombstoneAndTheOrderIsNeverBooked() throws Exception {
        UUID orderId = UUID.randomUUID();
        kit.publish(orderCancelled(orderId));
        await().atMost(WAIT).until(() -> kit.status(orderId).equals("VOIDED"));

        EventEnvelope latePayment = kit.publish(paymentAuthorized(orderId, "DE"));
        await().atMost(WAIT).until(() -> kit.applied(latePayment));

        assertThat(kit.status(orderId)).isEqualTo("VOIDED");
        assertThat(carrier.bookingRequests(orderId)).isZero();
        assertThat(kit.publishedTypes(orderId)).isEmpty();
        mvc.perform(get("/api/shipments").param("orderId", orderId.toString()))
                .andExpect(status().isOk())
                .andExpect(content().json("[]"));
    }

    @Test
    void cancelWhileTheBookingIsInFlightCancelsItOnceInsteadOfScheduling() {
        UUID orderId = UUID.randomUUID();
        FakeCarrier.Hold hold = carrier.holdBookingOf(orderId);
        kit.publish(paymentAuthorized(orderId, "DE"));
        await().atMost(WAIT).until(hold::hasArrived);

        kit.publish(orderCancelled(orderId));
        await().atMost(WAIT)
                .until(() ->
                        Boolean.TRUE.equals(kit.shipment(orderId).orElseThrow().get("cancelled")));
        assertThat(kit.status(orderId)).isEqualTo("PENDING");
        hold.release();

        await().atMost(WAIT).until(() -> kit.status(orderId).equals("CANCELLED"));
        assertThat(kit.publishedTypes(orderId)).containsExactly(EventTypes.SHIPMENT_CANCELLED.name());
        assertThat(carrier.cancelRequests(orderId)).isEqualTo(1);
        assertThat(carrier.statusOf(orderId)).isEqualTo("CANCELLED");
    }

    @Test
    void cancelOfAnIntentWhoseBookingNeverWentOutVoidsItWithoutBooking() {
        UUID orderId = UUID.randomUUID();
        processor.stop();
        try {
            kit.publish(paymentAuthorized(orderId, "DE"));
            await().atMost(WAIT).until(() -> kit.status(orderId).equals("PENDING"));
            kit.publish(orderCancelled(orderId));
            await().atMost(WAIT).until(() -> kit.status(orderId).equals("VOIDED"));
        } finally {
            processor.start();
        }

        assertThat(kit.shipment(orderId).orElseThrow())
                .containsEntry("next_attempt_at", null)
                .containsEntry("shipping_address", null);
        assertThat(carrier.bookingRequests(orderId)).isZero();
        assertThat(kit.publishedTypes(orderId)).isEmpty();
    }
}
