package dev.orderflow.payment;

import static dev.orderflow.payment.support.PaymentTestKit.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.orderflow.messaging.Causation;
import dev.orderflow.payment.Payment.CancelOutcome;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PaymentTests {

    private static final Causation CANCELLATION = Causation.of(UUID.randomUUID(), UUID.randomUUID());

    private final UUID orderId = UUID.randomUUID();
    private final UUID paymentId = UUID.randomUUID();

    private Payment intent() {
        return Payment.intend(stockReserved(orderId, "c-1", "59.80"), paymentId);
    }

    @Test
    void intentIsPendingWithTheChargeRequestKeyedByThePaymentId() {
        Payment payment = intent();

        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(payment.chargeRequest().paymentId()).isEqualTo(paymentId);
        assertThat(payment.chargeRequest().amount()).isEqualByComparingTo("59.80");
        assertThat(payment.chargeRequest().customerId()).isEqualTo("c-1");
    }

    @Test
    void authorizationForgetsPersonalData() {
        Payment payment = intent();

        payment.authorize();

        assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(payment.recipient()).isNull();
    }

    @Test
    void cancellingAnAuthorizedPaymentAsksForARefundOnce() {
        Payment payment = intent();
        payment.authorize();

        assertThat(payment.cancel(CANCELLATION)).isEqualTo(CancelOutcome.REFUND);
        assertThat(payment.cancel(CANCELLATION)).isEqualTo(CancelOutcome.NOTHING_TO_DO);
        assertThat(payment.refundRequest().amount()).isEqualByComparingTo("59.80");
        assertThat(payment.refundKey()).isEqualTo("refund:" + paymentId);
    }

    @Test
    void cancellingAPendingChargeAsksToVoidIt() {
        Payment payment = intent();

        assertThat(payment.cancel(CANCELLATION)).isEqualTo(CancelOutcome.VOID_CHARGE);
        payment.voided();

        assertThat(payment.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(payment.recipient()).isNull();
        assertThat(payment.cancelledBy()).isEqualTo(CANCELLATION);
    }

    @Test
    void cancellingADeclinedPaymentLeavesNothingToUndo() {
        Payment payment = intent();
        payment.decline("CARD_DECLINED");

        assertThat(payment.cancel(CANCELLATION)).isEqualTo(CancelOutcome.NOTHING_TO_DO);
        assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
    }

    @Test
    void tombstoneRecordsALateReservationAndNeverChargesIt() {
        Payment tombstone = Payment.tombstone(orderId, CANCELLATION);

        tombstone.recordLateReservation(stockReserved(orderId, "c-1", "12.50"));

        assertThat(tombstone.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(tombstone.charge().amount()).isEqualByComparingTo("12.50");
        assertThat(tombstone.cancel(CANCELLATION)).isEqualTo(CancelOutcome.NOTHING_TO_DO);
        assertThatIllegalStateException().isThrownBy(tombstone::authorize);
    }

    @Test
    void onlyACancelledAuthorizedPaymentIsRefunded() {
        Payment payment = intent();
        payment.authorize();
        assertThatIllegalStateException()
                .isThrownBy(() -> payment.refunded(payment.charge().amount()));

        payment.cancel(CANCELLATION);
        payment.refunded(payment.charge().amount());

        assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payment.refundedAmount()).isEqualByComparingTo("59.80");
        assertThatIllegalStateException()
                .isThrownBy(() -> payment.refunded(payment.charge().amount()));
    }
}
