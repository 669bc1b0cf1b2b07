package dev.orderflow.messaging.deadletter;

import dev.orderflow.events.EventJson;
import dev.orderflow.events.PersonalData;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Masks personal data in dead-letter views: the contract's personal fields, and anything shaped like an email. */
public final class PersonalDataMasker {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");

    private PersonalDataMasker() {}

    /** The payload as JSON with personal fields masked, or a masked string when it is not JSON. */
    public static Object maskPayload(byte[] payload) {
        if (payload == null) {
            return null;
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        try {
            JsonNode tree = EventJson.mapper().readTree(text);
            return mask(tree);
        } catch (JacksonException e) {
            return maskText(text);
        }
    }

    public static String maskText(String text) {
        return text == null ? null : EMAIL.matcher(text).replaceAll(PersonalData.MASK);
    }

    private static JsonNode mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : object.propertyNames()) {
                if (PersonalData.FIELDS.contains(name)) {
                    object.put(name, PersonalData.MASK);
                } else {
                    object.set(name, mask(object.get(name)));
                }
            }
            return object;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((tools.jackson.databind.node.ArrayNode) node).set(i, mask(node.get(i)));
            }
            return node;
        }
        if (node.isString()) {
            return EventJson.mapper().getNodeFactory().stringNode(maskText(node.asString()));
        }
        return node;
    }
}
