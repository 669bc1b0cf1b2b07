package dev.orderflow.events;

/** A record's headers are not a valid Orderflow CloudEvents envelope. */
public class InvalidEnvelopeException extends IllegalArgumentException {

    public InvalidEnvelopeException(String message) {
        super(message);
    }
}
