package dev.orderflow.events;

import java.math.BigDecimal;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The one JSON mapping of event payloads (Jackson 3). Money is written as a plain decimal string, instants as RFC 3339,
 * and unknown fields are ignored so a consumer reads payloads that gained new optional fields.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(
                    new SimpleModule("orderflow-money").addSerializer(BigDecimal.class, new PlainDecimalSerializer()))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private EventJson() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(SagaEvent event) {
        return MAPPER.writeValueAsBytes(event);
    }

    public static String writeString(SagaEvent event) {
        return MAPPER.writeValueAsString(event);
    }

    /**
     * Reads a payload of a known type.
     *
     * @throws InvalidPayloadException if the bytes are not JSON of that type
     */
    public static <T extends SagaEvent> T read(byte[] payload, Class<T> type) {
        T event;
        try {
            event = MAPPER.readValue(payload, type);
        } catch (JacksonException e) {
            throw new InvalidPayloadException(
                    type.getSimpleName() + " payload is not readable: " + e.getOriginalMessage(), e);
        }
        // Jackson maps the JSON literal null to a null value rather than failing.
        if (event == null) {
            throw new InvalidPayloadException(type.getSimpleName() + " payload is JSON null");
        }
        return event;
    }

    private static final class PlainDecimalSerializer extends StdSerializer<BigDecimal> {

        PlainDecimalSerializer() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializationContext context) {
            gen.writeString(value.toPlainString());
        }
    }
}
