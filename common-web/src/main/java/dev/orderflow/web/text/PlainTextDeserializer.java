package dev.orderflow.web.text;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.type.LogicalType;

/** Jackson's own string deserializer, refusing what is not plain text ({@link PlainText}). */
final class PlainTextDeserializer extends StdScalarDeserializer<String> {

    PlainTextDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        String value = StringDeserializer.instance.deserialize(parser, context);
        if (value != null) {
            String refused = PlainText.refused(value);
            if (refused != null) {
                throw new InvalidTextException(parser, refused);
            }
        }
        return value;
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.Textual;
    }

    @Override
    public boolean isCachable() {
        return true;
    }

    @Override
    public Object getEmptyValue(DeserializationContext context) {
        return "";
    }
}
