package dev.orderflow.events;

/** A payload of a known event type cannot be read or breaks the contract: retrying will never help. */
public class InvalidPayloadException extends IllegalArgumentException {

    public InvalidPayloadException(String message) {
        super(message);
    }

    public InvalidPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
