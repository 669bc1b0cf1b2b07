package dev.orderflow.payment;

/** Where a payment stands with the provider. */
enum PaymentStatus {
    /** The charge is intended (its payment id chosen) and the provider has not answered yet. */
    PENDING,
    AUTHORIZED,
    DECLINED,
    REFUNDED,
    /** The order was cancelled before any charge went out: nothing was charged and nothing ever will be. */
    VOIDED;

    /** Whether the payment reached the provider, so operators and clients see it as a payment at all. */
    boolean isVisible() {
        return this != VOIDED;
    }
}
