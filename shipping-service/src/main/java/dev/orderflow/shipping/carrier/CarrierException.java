package dev.orderflow.shipping.carrier;

/**
 * The carrier answered, but not with something we can use (a 4xx, an unexpected status or an invalid body). Unlike
 * {@link dev.orderflow.messaging.TransientFailure} this will not pass by waiting alone; it is retried anyway, and logged
 * as an error.
 */
public class CarrierException extends RuntimeException {

    public CarrierException(String message) {
        super(message);
    }

    public CarrierException(String message, Throwable cause) {
        super(message, cause);
    }
}
