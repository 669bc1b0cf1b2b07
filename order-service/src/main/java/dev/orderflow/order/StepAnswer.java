package dev.orderflow.order;

import java.util.Arrays;

/**
 * The answers of the saga's later steps: payment follows the reservation, shipping follows the payment. Order-service
 * learns each from another topic, so an answer can arrive before the step it follows; the order then holds it and applies
 * it once that step is (ADR 0013). The name is the timeline's name for the event, and what the row stores.
 */
enum StepAnswer {
    PAYMENT_AUTHORIZED("PaymentAuthorized", OrderStatus.STOCK_RESERVED),
    PAYMENT_DECLINED("PaymentDeclined", OrderStatus.STOCK_RESERVED),
    SHIPMENT_SCHEDULED("ShipmentScheduled", OrderStatus.PAID),
    SHIPMENT_FAILED("ShipmentFailed", OrderStatus.PAID);

    private final String event;
    private final OrderStatus follows;

    StepAnswer(String event, OrderStatus follows) {
        this.event = event;
        this.follows = follows;
    }

    /** The timeline's name for the event that brings this answer, e.g. {@code PaymentAuthorized}. */
    String event() {
        return event;
    }

    /** The status the order has once the step this answer follows is applied. */
    OrderStatus follows() {
        return follows;
    }

    boolean isPayment() {
        return follows == OrderStatus.STOCK_RESERVED;
    }

    static StepAnswer ofEvent(String event) {
        return Arrays.stream(values())
                .filter(answer -> answer.event.equals(event))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a step's answer: " + event));
    }
}
