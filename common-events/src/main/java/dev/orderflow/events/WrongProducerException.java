package dev.orderflow.events;

/**
 * A record its topic's producer did not publish: it names another {@code ce_source}, or carries another producer's event
 * type (SPEC §5, provenance). Never retried; dead-lettered as {@link DeadLetterHeaders.Reason#WRONG_PRODUCER}.
 */
public class WrongProducerException extends InvalidEnvelopeException {

    public WrongProducerException(String message) {
        super(message);
    }
}
