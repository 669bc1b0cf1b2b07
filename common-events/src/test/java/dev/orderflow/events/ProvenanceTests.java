package dev.orderflow.events;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;

class ProvenanceTests {

    private final Topics topics = new Topics("it-7.");

    @Test
    void acceptsTheTopicsProducerWithItsOwnType() {
        assertThatCode(() -> Provenance.check(topics, "it-7.orders", "order-service", EventTypes.ORDER_PLACED.name()))
                .doesNotThrowAnyException();
        assertThatCode(() -> Provenance.check(
                        topics, "it-7.payments", "payment-service", EventTypes.PAYMENT_AUTHORIZED.name()))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsATypeThisVersionDoesNotKnowFromTheTopicsProducerSoRollingUpgradesWork() {
        assertThatCode(() -> Provenance.check(topics, "it-7.orders", "order-service", "dev.orderflow.order.placed.v2"))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAnotherSourceOnAProducersTopic() {
        assertThatExceptionOfType(WrongProducerException.class)
                .isThrownBy(() ->
                        Provenance.check(topics, "it-7.orders", "payment-service", EventTypes.ORDER_PLACED.name()))
                .withMessage("ce_source 'payment-service' is not order-service, the producer of it-7.orders");
    }

    @Test
    void refusesAnotherSourceEvenForATypeThisVersionDoesNotKnow() {
        assertThatExceptionOfType(WrongProducerException.class)
                .isThrownBy(() -> Provenance.check(topics, "it-7.orders", "intruder", "dev.orderflow.order.new.v1"));
    }

    @Test
    void refusesAnotherProducersTypeEvenWhenItNamesTheTopicsProducer() {
        // The confirmed attack: PaymentAuthorized put on the orders topic with order-service's credentials.
        assertThatExceptionOfType(WrongProducerException.class)
                .isThrownBy(() ->
                        Provenance.check(topics, "it-7.orders", "order-service", EventTypes.PAYMENT_AUTHORIZED.name()))
                .withMessage("dev.orderflow.payment.payment-authorized.v1 is an event type of payment-service, not of"
                        + " order-service, the producer of it-7.orders");
    }

    @Test
    void refusesATopicThatIsNoSagaTopicOfThePrefix() {
        assertThatExceptionOfType(WrongProducerException.class)
                .isThrownBy(() ->
                        Provenance.check(topics, "orderflow.orders", "order-service", EventTypes.ORDER_PLACED.name()))
                .withMessageContaining("orderflow.orders is not a saga topic");
    }

    @Test
    void aRecordWithoutSourceIsUnreadableNotAWrongProducer() {
        assertThatExceptionOfType(InvalidEnvelopeException.class)
                .isThrownBy(() -> Provenance.check(topics, "it-7.orders", null, EventTypes.ORDER_PLACED.name()))
                .isNotInstanceOf(WrongProducerException.class)
                .withMessage("missing header ce_source");
    }

    @Test
    void aForeignSourceIsShownShortAndInPlainCharactersOnly() {
        String forged = "evil\n2026-12-02 INFO forged log line " + "x".repeat(200);
        assertThatExceptionOfType(WrongProducerException.class)
                .isThrownBy(() -> Provenance.check(topics, "it-7.orders", forged, EventTypes.ORDER_PLACED.name()))
                .withMessageStartingWith("ce_source 'evil?2026-12-02?INFO?forged?log?line?xxx")
                .withMessageNotContaining("\n")
                .withMessageNotContaining("x".repeat(100));
    }
}
