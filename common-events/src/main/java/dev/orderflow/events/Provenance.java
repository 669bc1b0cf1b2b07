package dev.orderflow.events;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Who may say what on a saga topic (SPEC §5): only the topic's producer, naming itself as {@code ce_source}, and only
 * with its own event types. Kafka's ACLs decide who may write a topic, not what the writer claims; consumers check this
 * before any handler runs. A type this version does not know passes when it comes from the right producer, so a rolling
 * upgrade that adds a type breaks nobody.
 */
public final class Provenance {

    /** What of a foreign {@code ce_source} goes into a dead letter's detail and the logs: short, plain characters. */
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._:/@-]");

    private static final int SHOWN_SOURCE_LENGTH = 64;

    private Provenance() {}

    /**
     * Checks a record's {@code ce_source} and {@code ce_type} against the producer of the topic it was read from.
     *
     * @throws InvalidEnvelopeException if the record names no source
     * @throws WrongProducerException if the topic is no saga topic of {@code topics}, the source is not its producer, or
     *     the type is a known type of another producer
     */
    public static void check(Topics topics, String topic, @Nullable String source, String type) {
        Producer producer = topics.producerOf(topic)
                .orElseThrow(() -> new WrongProducerException(
                        "topic " + topic + " is not a saga topic of prefix '" + topics.prefix() + "'"));
        if (source == null || source.isBlank()) {
            throw new InvalidEnvelopeException("missing header " + CloudEventHeaders.SOURCE);
        }
        if (!producer.source().equals(source)) {
            throw new WrongProducerException(CloudEventHeaders.SOURCE + " '" + shown(source) + "' is not "
                    + producer.source() + ", the producer of " + topic);
        }
        EventTypes.byName(type).filter(known -> known.producer() != producer).ifPresent(known -> {
            throw new WrongProducerException(type + " is an event type of "
                    + known.producer().source() + ", not of " + producer.source() + ", the producer of " + topic);
        });
    }

    private static String shown(String source) {
        String plain = UNSAFE.matcher(source).replaceAll("?");
        return plain.length() > SHOWN_SOURCE_LENGTH ? plain.substring(0, SHOWN_SOURCE_LENGTH) + "…" : plain;
    }
}
