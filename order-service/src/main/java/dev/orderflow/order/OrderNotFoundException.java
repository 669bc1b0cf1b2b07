package dev.orderflow.order;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** No order has this id: 404 problem details. */
public class OrderNotFoundException extends ErrorResponseException {

    public OrderNotFoundException(UUID id) {
        super(HttpStatus.NOT_FOUND);
        setTitle("Order not found");
        setDetail("Order " + id + " does not exist");
    }
}
