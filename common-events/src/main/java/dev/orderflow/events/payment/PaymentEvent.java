package dev.orderflow.events.payment;

import dev.orderflow.events.SagaEvent;

/** Events payment-service publishes on the payments topic. */
public sealed interface PaymentEvent extends SagaEvent
        permits PaymentAuthorized, PaymentAuthorizedAfterCancellation, PaymentDeclined, PaymentRefunded {}
