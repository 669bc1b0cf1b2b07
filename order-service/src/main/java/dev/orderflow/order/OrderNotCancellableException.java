package dev.orderflow.order;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The customer asked to cancel an order that is already COMPLETED or CANCELLED: 409 with its status. */
public class OrderNotCancellableException extends ErrorResponseException {

    OrderNotCancellableException(Order order) {
        super(HttpStatus.CONFLICT);
        setTitle("Order can no longer be cancelled");
        setDetail("Order " + order.id() + " is " + order.status() + " and can no longer be cancelled");
        getBody().setProperty("orderStatus", order.status().name());
    }
}
