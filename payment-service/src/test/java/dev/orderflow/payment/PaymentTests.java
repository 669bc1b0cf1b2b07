package dev.orderflow.payment;

import static dev.orderflow.payment.support.PaymentTestKit.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.orderflow.messaging.Causation;
import dev.orderflow.payment.Payment.Call;
import dev.orderflow.payment.Payment.CancelOutcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PaymentTests {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant LEASE = NOW.plusSeconds(60);
    private static final Causation RESERVATION = Causation.of(UUID.randomUUID(), UUID.randomUUID());
    private static final Causation CANCELLATION = Causation.of(RESERVATION.correlationId(), UUID.randomUUID());

    private final UUID orderId = UUID.randomUUID();

    private Payment intent() {
        return Payment.intend(stockReserved(orderId, "c-1", "59.80"), UUID.randomUUID(), RESERVATION, null, NOW);
    }

    @Test
    void intentIsPendingWithTheChargeDueAtOnce() {
        Payment payment = intent();

        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(payment.dueCall()).isEqualTo(Call.CHARGE);
        assertThat(payment.nextAttemptAt()).isEqualTo(NOW);
        assertThat(payment.charge().amount()).isEqualByComparingTo("59.80");
        assertThat(payment.causes().ofCharge()).isEqualTo(RESERVATION);
    }

    @Test
    void authorizationForgetsPersonalDataAndLeavesNothingDue() {
        Payment payment = intent();
        payment.claim(LEASE);

        payment.authorize(NOW);

        assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(payment.recipient()).isNull();
        assertThat(payment.dueCall()).isEqualTo(Call.NONE);
        assertThat(payment.nextAttemptAt()).isNull();
    }

    @Test
    void cancellingAnAuthorizedPaymentMakesARefundDueOnce() {
        Payment payment = intent();
        payment.claim(LEASE);
        payment.authorize(NOW);

        assertThat(payment.cancel(CANCELLATION, NOW)).isEqualTo(CancelOutcome.REFUND_DUE);
        assertThat(payment.dueCall()).isEqualTo(Call.REFUND);
        assertThat(payment.attempts()).isZero();
        assertThat(payment.causes().ofCancel()).isEqualTo(CANCELLATION);
        assertThat(payment.cancel(CANCELLATION, NOW)).isEqualTo(CancelOutcome.ALREADY_CANCELLED);

        payment.refund(new BigDecimal("59.80"));
        assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payment.refundedAmount()).isEqualByComparingTo("59.80");
        assertThat(payment.dueCall()).isEqualTo(Call.NONE);
        assertThatIllegalStateException().isThrownBy(() -> payment.refund(new BigDecimal("59.80")));
    }

    @Test
    void cancellingAnIntentWhoseCallNeverWentOutVoidsIt() {
        Payment payment = intent();

        assertThat(payment.cancel(CANCELLATION, NOW)).isEqualTo(CancelOutcome.NOTHING_CHARGED);
        assertThat(payment.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(payment.dueCall()).isEqualTo(Call.NONE);
        assertThat(payment.nextAttemptAt()).isNull();
        assertThat(payment.recipient()).isNull();
    }

    @Test
    void cancellingWhileTheChargeIsInFlightRefundsItOnceAuthorized() {
        Payment payment = intent();
        payment.claim(LEASE);

        assertThat(payment.cancel(CANCELLATION, NOW)).isEqualTo(CancelOutcome.CANCEL_REQUESTED);
        assertThat(payment.dueCall()).isEqualTo(Call.CHARGE);

        payment.authorize(NOW);
        assertThat(payment.dueCall()).isEqualTo(Call.REFUND);
        assertThat(payment.nextAttemptAt()).isEqualTo(NOW);
    }

    @Test
    void cancellingWhileTheChargeIsInFlightLeavesADeclineAlone() {
        Payment payment = intent();
        payment.claim(LEASE);
        payment.cancel(CANCELLATION, NOW);

        payment.decline("CARD_DECLINED");

        assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(payment.dueCall()).isEqualTo(Call.NONE);
    }

    @Test
    void tombstoneRecordsALateReservationAndNeverChargesIt() {
        Payment tombstone = Payment.tombstone(orderId, CANCELLATION);

        tombstone.recordLateReservation(stockReserved(orderId, "c-1", "12.50"));

        assertThat(tombstone.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(tombstone.paymentId()).isNull();
        assertThat(tombstone.charge().amount()).isEqualByComparingTo("12.50");
        assertThat(tombstone.dueCall()).isEqualTo(Call.NONE);
        assertThat(tombstone.cancel(CANCELLATION, NOW)).isEqualTo(CancelOutcome.ALREADY_CANCELLED);
    }

    @Test
    void claimCountsAnAttemptAndLeasesTheCall() {
        Payment payment = intent();

        payment.claim(LEASE);
        payment.failed("provider unavailable", NOW.plusSeconds(1));
        payment.claim(LEASE);

        assertThat(payment.attempts()).isEqualTo(2);
        assertThat(payment.nextAttemptAt()).isEqualTo(LEASE);
        assertThat(payment.lastError()).isEqualTo("provider unavailable");
    }

    @Test
    void nothingCanBeClaimedOrAuthorizedOnceSettled() {
        Payment payment = intent();
        payment.claim(LEASE);
        payment.decline("CARD_DECLINED");

        assertThatIllegalStateException().isThrownBy(() -> payment.claim(LEASE));
        assertThatIllegalStateException().isThrownBy(() -> payment.authorize(NOW));
    }
}
