package dev.orderflow.shipping;

import static dev.orderflow.shipping.support.ShippingTestKit.paymentAuthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.orderflow.messaging.Causation;
import dev.orderflow.shipping.Shipment.Call;
import dev.orderflow.shipping.Shipment.CancelOutcome;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ShipmentTests {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Shipment.Booking BOOKING = new Shipment.Booking("Sandbox Parcel", "TRK-1");

    private static Shipment intent() {
        return Shipment.intend(
                paymentAuthorized(UUID.randomUUID(), "DE"), UUID.randomUUID(), Causation.newSaga(), null, NOW);
    }

    @Test
    void newIntentIsDueForBookingAtOnce() {
        Shipment shipment = intent();

        assertThat(shipment.dueCall()).isEqualTo(Call.BOOK);
        assertThat(shipment.nextAttemptAt()).isEqualTo(NOW);
    }

    @Test
    void cancellingAnIntentNoCallWentOutForVoidsItAndForgetsTheAddress() {
        Shipment shipment = intent();

        assertThat(shipment.cancel(Causation.newSaga(), NOW)).isEqualTo(CancelOutcome.NOTHING_BOOKED);
        assertThat(shipment.status()).isEqualTo(ShipmentStatus.VOIDED);
        assertThat(shipment.address()).isNull();
        assertThat(shipment.dueCall()).isEqualTo(Call.NONE);
    }

    @Test
    void cancellingWhileTheBookingIsInFlightLetsItsAnswerDecide() {
        Shipment shipment = intent();
        shipment.claim(NOW.plusSeconds(60));

        assertThat(shipment.cancel(Causation.newSaga(), NOW)).isEqualTo(CancelOutcome.CANCEL_REQUESTED);
        shipment.schedule(BOOKING, NOW);

        assertThat(shipment.dueCall()).isEqualTo(Call.CANCEL);
        assertThat(shipment.nextAttemptAt()).isEqualTo(NOW);
    }

    @Test
    void cancellingAScheduledShipmentMakesTheCarrierCancellationDueOnce() {
        Shipment shipment = intent();
        shipment.claim(NOW.plusSeconds(60));
        shipment.schedule(BOOKING, NOW);

        assertThat(shipment.cancel(Causation.newSaga(), NOW)).isEqualTo(CancelOutcome.CANCEL_DUE);
        assertThat(shipment.cancel(Causation.newSaga(), NOW)).isEqualTo(CancelOutcome.ALREADY_CANCELLED);
        shipment.claim(NOW.plusSeconds(60));
        shipment.cancelledByCarrier();

        assertThat(shipment.status()).isEqualTo(ShipmentStatus.CANCELLED);
        assertThat(shipment.dueCall()).isEqualTo(Call.NONE);
        assertThatIllegalStateException().isThrownBy(shipment::cancelledByCarrier);
    }

    @Test
    void failedBookingNeedsNoCompensation() {
        Shipment shipment = intent();
        shipment.claim(NOW.plusSeconds(60));
        shipment.fail("UNDELIVERABLE_COUNTRY");

        assertThat(shipment.cancel(Causation.newSaga(), NOW)).isEqualTo(CancelOutcome.NOTHING_BOOKED);
        assertThat(shipment.dueCall()).isEqualTo(Call.NONE);
        assertThatIllegalStateException().isThrownBy(() -> shipment.schedule(BOOKING, NOW));
    }

    @Test
    void tombstoneNeverBooks() {
        Shipment tombstone = Shipment.tombstone(UUID.randomUUID(), Causation.newSaga());

        assertThat(tombstone.status()).isEqualTo(ShipmentStatus.VOIDED);
        assertThat(tombstone.dueCall()).isEqualTo(Call.NONE);
        assertThat(tombstone.cancel(Causation.newSaga(), NOW)).isEqualTo(CancelOutcome.ALREADY_CANCELLED);
    }
}
