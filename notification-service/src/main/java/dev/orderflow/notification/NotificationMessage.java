package dev.orderflow.notification;

import java.util.Map;

/** What the customer reads: derived from the stored delivery alone, so every attempt says the same. */
record NotificationMessage(String subject, String text) {

    private static final Map<String, String> REASONS = Map.of(
            "OUT_OF_STOCK", "some items are out of stock",
            "UNKNOWN_PRODUCT", "an item is not in our catalogue",
            "PAYMENT_DECLINED", "the payment was declined",
            "SHIPPING_FAILED", "we could not arrange delivery to your address",
            "CUSTOMER_CANCELLED", "you cancelled it",
            "TIMED_OUT", "it could not be completed in time");

    static NotificationMessage of(Delivery delivery) {
        String order = delivery.orderId().toString();
        return switch (delivery.outcome()) {
            case CONFIRMED ->
                new NotificationMessage(
                        "Your order " + order + " is confirmed",
                        "Thank you for your order " + order + ". It is confirmed and on its way.\n\nTotal: "
                                + delivery.total().toPlainString() + " " + delivery.currency() + "\n");
            case CANCELLED ->
                new NotificationMessage(
                        "Your order " + order + " was cancelled",
                        "We are sorry: your order " + order + " was cancelled because "
                                + REASONS.getOrDefault(delivery.reason(), "of a problem with the order")
                                + ".\n\nReason: " + delivery.reason() + "\n");
        };
    }
}
