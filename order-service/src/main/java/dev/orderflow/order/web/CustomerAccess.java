package dev.orderflow.order.web;

import dev.orderflow.order.Order;
import dev.orderflow.web.security.Caller;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Object-level authorization of the order API (OWASP API1): a customer's token sees, lists, places and cancels only
 * that customer's orders, and another customer's order answers 404 as if it did not exist; a client's own token (a
 * shop backend, client-credentials) acts for any customer it names.
 */
final class CustomerAccess {

    private static final int MAX_CUSTOMER_ID = 64;

    private CustomerAccess() {}

    /** A customer's token may only name itself, or no one: 403. */
    static final class ForeignCustomerException extends ErrorResponseException {
        ForeignCustomerException() {
            super(HttpStatus.FORBIDDEN);
            setTitle("Not this customer's");
            setDetail(
                    "A customer's token acts only for that customer: customerId must be the token's subject or absent");
        }
    }

    /** A client's own token must say for whom it places the order: 400. */
    static final class CustomerRequiredException extends ErrorResponseException {
        CustomerRequiredException() {
            super(HttpStatus.BAD_REQUEST);
            setTitle("Invalid request");
            setDetail("customerId is required unless the token is a customer's own");
        }
    }

    /** The request with its customer settled: the token's subject for a customer, the named one for a client. */
    static PlaceOrderRequest settleCustomer(PlaceOrderRequest request, Caller caller) {
        if (!caller.customer()) {
            if (request.customerId() == null) {
                throw new CustomerRequiredException();
            }
            return request;
        }
        if (request.customerId() != null && !request.customerId().equals(caller.subject())) {
            throw new ForeignCustomerException();
        }
        if (caller.subject().length() > MAX_CUSTOMER_ID) {
            throw new ForeignCustomerException();
        }
        return request.forCustomer(caller.subject());
    }

    /** The customer filter of a listing: a customer lists its own orders; a client whoever it asks for, or all. */
    static @Nullable String listingFilter(@Nullable String requested, Caller caller) {
        if (!caller.customer()) {
            return requested;
        }
        if (requested != null && !requested.equals(caller.subject())) {
            throw new ForeignCustomerException();
        }
        return caller.subject();
    }

    /** The order, if the caller may see it. */
    static Optional<Order> visible(Optional<Order> order, Caller caller) {
        return order.filter(o -> caller.mayActFor(o.customerId()));
    }
}
