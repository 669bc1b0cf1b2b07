package dev.orderflow.order;

import java.util.UUID;

/** No order has this id. */
public class OrderNotFoundException extends RuntimeException {

    public OrderNotFoundException(UUID id) {
        super("Order " + id + " does not exist");
    }
}
