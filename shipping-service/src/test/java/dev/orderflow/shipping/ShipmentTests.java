package dev.orderflow.shipping;

import static dev.orderflow.shipping.support.ShippingTestKit.paymentAuthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.orderflow.messaging.Causation;
import dev.orderflow.shipping.Shipment.CancelOutcome;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ShipmentTests {

    private static final Shipment.Booking BOOKING = new Shipment.Booking("SANDBOX-PARCEL", "SBX1");
    private static final Causation CANCELLATION = Causation.of(UUID.randomUUID(), UUID.randomUUID());

    private static Shipment intent() {
        return Shipment.intend(paymentAuthorized(UUID.randomUUID(), "DE"), UUID.randomUUID());
    }

    @Test
    void intentBooksTheAddressKeyedByTheOrder() {
        Shipment shipment = intent();

        assertThat(shipment.status()).isEqualTo(ShipmentStatus.PENDING);
        assertThat(shipment.bookingRequest().country()).isEqualTo("DE");
        assertThat(shipment.bookingKey()).isEqualTo(shipment.orderId().toString());
    }

    @Test
    void cancellingAnIntentAsksToVoidItAndVoidingForgetsTheAddress() {
        Shipment shipment = intent();

        assertThat(shipment.cancel(CANCELLATION)).isEqualTo(CancelOutcome.VOID_BOOKING);
        shipment.voided();

        assertThat(shipment.status()).isEqualTo(ShipmentStatus.VOIDED);
        assertThat(shipment.address()).isNull();
    }

    @Test
    void cancellingAScheduledShipmentAsksTheCarrierToCancelOnce() {
        Shipment shipment = intent();
        shipment.schedule(BOOKING);

        assertThat(shipment.cancel(CANCELLATION)).isEqualTo(CancelOutcome.CANCEL_BOOKING);
        assertThat(shipment.cancel(CANCELLATION)).isEqualTo(CancelOutcome.NOTHING_TO_DO);
        assertThat(shipment.cancellationKey()).isEqualTo("cancel:" + shipment.orderId());
        shipment.cancelledByCarrier();
        assertThat(shipment.status()).isEqualTo(ShipmentStatus.CANCELLED);
    }

    @Test
    void schedulingForgetsTheAddress() {
        Shipment shipment = intent();

        shipment.schedule(BOOKING);

        assertThat(shipment.address()).isNull();
        assertThat(shipment.booking()).isEqualTo(BOOKING);
    }

    @Test
    void failedBookingNeedsNoCompensation() {
        Shipment shipment = intent();
        shipment.fail("ADDRESS_NOT_SERVED");

        assertThat(shipment.cancel(CANCELLATION)).isEqualTo(CancelOutcome.NOTHING_TO_DO);
        assertThat(shipment.failureReason()).isEqualTo("ADDRESS_NOT_SERVED");
    }

    @Test
    void tombstoneNeverBooks() {
        Shipment tombstone = Shipment.tombstone(UUID.randomUUID(), CANCELLATION);

        assertThat(tombstone.cancel(CANCELLATION)).isEqualTo(CancelOutcome.NOTHING_TO_DO);
        assertThatIllegalStateException().isThrownBy(() -> tombstone.schedule(BOOKING));
        assertThatIllegalStateException().isThrownBy(tombstone::cancelledByCarrier);
    }
}
