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
import dev.orderflow.messaging.partner.PartnerWork;
import dev.orderflow.messaging.partner.PartnerWorkItem;
import dev.orderflow.shipping.support.ShippingIntegrationTest;
import dev.orderflow.shipping.support.ShippingTestKit;
import dev.orderflow.testsupport.SandboxPartners;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Cancellations against the real sandbox carrier, every case of ADR 0010: a booking that never reached the carrier is
 * voided and nothing is ever booked; a booking in flight is answered and cancelled once; a scheduled shipment is
 * cancelled with the carrier exactly once, with its own idempotency key.
 */
@ShippingIntegrationTest
class ShippingCancellationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ShippingTestKit kit;
    private final SandboxPartners sandbox;
    private final SandboxPartners.Partner carrier;
    private final PartnerWork partnerWork;
    private final MockMvc mvc;

    ShippingCancellationTests(ShippingTestKit kit, SandboxPartners sandbox, PartnerWork partnerWork, MockMvc mvc) {
        this.kit = kit;
        this.sandbox = sandbox;
        this.carrier = sandbox.carrier();
        this.partnerWork = partnerWork;
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
        assertThat(carrier.journal(orderId))
                .filteredOn(request -> request.operation().equals("cancel"))
                .singleElement()
                .satisfies(cancel -> assertThat(cancel.idempotencyKey()).isEqualTo("cancel:" + orderId));
        assertThat(sandbox.shipments(orderId))
                .singleElement()
                .satisfies(shipment -> assertThat(shipment.status()).isEqualTo("CANCELLED"));
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
        assertThat(carrier.journal(orderId)).isEmpty();
        assertThat(kit.publishedTypes(orderId)).isEmpty();
        mvc.perform(get("/api/shipments").param("orderId", orderId.toString()))
                .andExpect(status().isOk())
                .andExpect(content().json("[]"));
    }

    @Test
    void bookingInFlightWhenTheOrderIsCancelledIsCancelledWithTheCarrierOnceInsteadOfScheduled() {
        UUID orderId = UUID.randomUUID();
        carrier.hold();
        kit.publish(paymentAuthorized(orderId, "DE"));
        await().atMost(WAIT).until(() -> !sandbox.shipments(orderId).isEmpty());

        kit.publish(orderCancelled(orderId));
        await().atMost(WAIT)
                .until(() ->
                        Boolean.TRUE.equals(kit.shipment(orderId).orElseThrow().get("cancelled")));
        assertThat(kit.status(orderId)).isEqualTo("PENDING");
        carrier.release();

        await().atMost(WAIT).until(() -> kit.status(orderId).equals("CANCELLED"));
        assertThat(kit.publishedTypes(orderId)).containsExactly(EventTypes.SHIPMENT_CANCELLED.name());
        assertThat(carrier.journal(orderId))
                .extracting(SandboxPartners.JournalEntry::operation)
                .containsExactly("book", "cancel");
        assertThat(sandbox.shipments(orderId))
                .singleElement()
                .satisfies(shipment -> assertThat(shipment.status()).isEqualTo("CANCELLED"));
    }

    @Test
    void cancelOfABookingNoWorkerTookYetVoidsItWithoutBooking() {
        UUID orderId = UUID.randomUUID();
        partnerWork.stop();
        try {
            kit.publish(paymentAuthorized(orderId, "DE"));
            await().atMost(WAIT).until(() -> kit.status(orderId).equals("PENDING"));
            kit.publish(orderCancelled(orderId));
            await().atMost(WAIT).until(() -> kit.status(orderId).equals("VOIDED"));
        } finally {
            partnerWork.start();
        }

        assertThat(kit.shipment(orderId).orElseThrow()).containsEntry("shipping_address", null);
        assertThat(kit.partnerWork(orderId, ShippingStep.BOOK).orElseThrow().status())
                .isEqualTo(PartnerWorkItem.Status.VOIDED);
        assertThat(carrier.journal(orderId)).isEmpty();
        assertThat(kit.publishedTypes(orderId)).isEmpty();
    }

    @Test
    void cancelAfterAttemptsThatNeverReachedTheCarrierVoidsTheBookingAndNothingIsEverBooked() {
        UUID orderId = UUID.randomUUID();
        carrier.faults(0, 1.0);
        kit.publish(paymentAuthorized(orderId, "DE"));
        await().atMost(WAIT)
                .until(() -> kit.partnerWork(orderId, ShippingStep.BOOK)
                                .map(PartnerWorkItem::attempts)
                                .orElse(0)
                        >= 2);

        kit.publish(orderCancelled(orderId));
        await().atMost(WAIT).until(() -> kit.status(orderId).equals("VOIDED"));
        Instant voided = Instant.now();
        carrier.reset();

        await().during(Duration.ofSeconds(1))
                .atMost(WAIT)
                .until(() -> carrier.journal(orderId).stream().noneMatch(r -> r.at().isAfter(voided)));
        assertThat(carrier.journal(orderId))
                .as("every attempt was refused before the carrier did anything")
                .isNotEmpty()
                .allSatisfy(request -> assertThat(request.status()).isEqualTo(503));
        assertThat(sandbox.shipments(orderId)).isEmpty();
        assertThat(kit.publishedTypes(orderId)).isEmpty();
    }

    @Test
    void cancelWhileTheBookingMayHaveReachedTheCarrierIsResolvedByALookupAndCancelledOnce() throws Exception {
        UUID orderId = UUID.randomUUID();
        partnerWork.stop();
        try {
            kit.publish(paymentAuthorized(orderId, "DE"));
            await().atMost(WAIT)
                    .until(() -> kit.partnerWork(orderId, ShippingStep.BOOK).isPresent());
            // The instance that took the booking sent it and died without an answer; its lease has run out.
            bookAtTheCarrier(orderId);
            kit.jdbc().sql("""
                            update partner_work set status = 'IN_FLIGHT', attempts = 1, fence = 1,
                                                    next_attempt_at = now()
                            where order_id = :orderId and action = 'BOOK'""").param("orderId", orderId).update();
            kit.publish(orderCancelled(orderId));
            await().atMost(WAIT)
                    .until(() -> Boolean.TRUE.equals(
                            kit.shipment(orderId).orElseThrow().get("cancelled")));
        } finally {
            partnerWork.start();
        }

        await().atMost(WAIT).until(() -> kit.status(orderId).equals("CANCELLED"));
        assertThat(carrier.journal(orderId))
                .extracting(SandboxPartners.JournalEntry::operation)
                .as("no new booking after the cancellation: the doubt was resolved by a lookup")
                .containsExactly("book", "cancel");
        assertThat(kit.publishedTypes(orderId)).containsExactly(EventTypes.SHIPMENT_CANCELLED.name());
        assertThat(sandbox.shipments(orderId))
                .singleElement()
                .satisfies(shipment -> assertThat(shipment.status()).isEqualTo("CANCELLED"));
    }

    /** A booking made straight at the carrier, as the instance that died had made it. */
    private void bookAtTheCarrier(UUID orderId) throws Exception {
        String body = """
                {"orderId":"%s","name":"Ana","line1":"Main St 1","line2":null,"city":"Berlin","postalCode":"10115",\
                "country":"DE"}""".formatted(orderId);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/carrier/shipments"))
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", orderId.toString())
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
