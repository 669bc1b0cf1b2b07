package dev.orderflow.order;

/** The customer asked to cancel an order that is already COMPLETED or CANCELLED. */
public class OrderNotCancellableException extends RuntimeException {

    private final OrderStatus status;

    OrderNotCancellableException(Order order) {
        super("Order " + order.id() + " is " + order.status() + " and can no longer be cancelled");
        this.status = order.status();
    }

    public OrderStatus status() {
        return status;
    }
}
