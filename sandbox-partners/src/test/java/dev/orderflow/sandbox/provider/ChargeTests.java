package dev.orderflow.sandbox.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

class ChargeTests {

    private static ChargeRequest request(String customerId, String amount) {
        return new ChargeRequest(UUID.randomUUID(), UUID.randomUUID(), customerId, new BigDecimal(amount), "EUR");
    }

    @Test
    void declinesOnlyCustomersWhoseIdStartsWithDecline() {
        assertThat(Charge.decide(request("decline", "1.00")).status()).isEqualTo(ChargeStatus.DECLINED);
        assertThat(Charge.decide(request("declined-42", "1.00")).status()).isEqualTo(ChargeStatus.DECLINED);
        assertThat(Charge.decide(request("c-decline", "1.00")).status()).isEqualTo(ChargeStatus.AUTHORIZED);
        assertThat(Charge.decide(request("Decline", "1.00")).status()).isEqualTo(ChargeStatus.AUTHORIZED);
    }

    @Test
    void matchesARetryWhateverTheScaleOfItsAmount() {
        ChargeRequest first = request("c-1", "10.5");
        Charge charge = Charge.decide(first);

        assertThat(charge.matches(
                        new ChargeRequest(first.paymentId(), first.orderId(), "c-1", new BigDecimal("10.50"), "EUR")))
                .isTrue();
        assertThat(charge.matches(
                        new ChargeRequest(first.paymentId(), first.orderId(), "c-1", new BigDecimal("10.51"), "EUR")))
                .isFalse();
        assertThat(charge.matches(
                        new ChargeRequest(first.paymentId(), UUID.randomUUID(), "c-1", new BigDecimal("10.50"), "EUR")))
                .isFalse();
    }

    @Test
    void refundsOnceAndKeepsTheFirstAnswer() {
        Charge charge = Charge.decide(request("c-1", "20.00"));

        Charge refunded = charge.refund(new BigDecimal("20.00"));
        Charge again = refunded.refund(new BigDecimal("20"));

        assertThat(again).isSameAs(refunded);
        assertThat(again.status()).isEqualTo(ChargeStatus.REFUNDED);
        assertThat(again.refundedAmount()).isEqualByComparingTo("20.00");
        assertThat(again.answer().status()).isEqualTo("AUTHORIZED");
    }

    @Test
    void refusesRefundsThatCannotBeHonoured() {
        Charge charge = Charge.decide(request("c-1", "20.00"));
        Charge declined = Charge.decide(request("decline-1", "20.00"));

        assertThat(status(() -> charge.refund(new BigDecimal("20.01")))).isEqualTo(HttpStatus.CONFLICT);
        assertThat(status(() -> declined.refund(new BigDecimal("20.00")))).isEqualTo(HttpStatus.CONFLICT);
        assertThat(status(() -> charge.refund(new BigDecimal("5.00")).refund(new BigDecimal("6.00"))))
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    }

    private static HttpStatus status(Runnable call) {
        ErrorResponseException[] thrown = new ErrorResponseException[1];
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ErrorResponseException.class, e -> thrown[0] = e);
        return HttpStatus.valueOf(thrown[0].getStatusCode().value());
    }
}
