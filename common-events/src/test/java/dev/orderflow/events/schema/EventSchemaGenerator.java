package dev.orderflow.events.schema;

import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.EventType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the JSON Schema (Draft 2020-12) of an event type's payload from its record and Bean Validation annotations,
 * in a canonical form (stable key order, fixed layout) so committed schemas diff cleanly.
 */
public final class EventSchemaGenerator {

    /** What {@link EventJson} writes for a {@link BigDecimal}: a plain decimal string, never an exponent. */
    public static final String DECIMAL_PATTERN = "^-?[0-9]+(\\.[0-9]+)?$";

    private static final List<String> NUMERIC_KEYWORDS =
            List.of("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "multipleOf");

    private static final List<String> LEADING_KEYWORDS = List.of("$schema", "$id", "title", "type");

    private static final JsonMapper WRITER = JsonMapper.builder()
            .defaultPrettyPrinter(new DefaultPrettyPrinter(
                            Separators.createDefaultInstance().withObjectNameValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")))
            .build();

    private final SchemaGenerator generator;

    public EventSchemaGenerator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(
                        EventJson.mapper(), SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule())
                .with(new JakartaValidationModule(
                        JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
                        JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS))
                // Nested records are inlined: each schema stands alone and the compatibility check needs no $ref.
                .with(Option.INLINE_ALL_SCHEMAS)
                // EventJson writes an absent optional value as null, so the schema of an optional field admits null.
                .with(Option.NULLABLE_FIELDS_BY_DEFAULT)
                .without(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT);
        config.forTypesInGeneral()
                .withCustomDefinitionProvider((type, context) -> type.getErasedType() == BigDecimal.class
                        ? new CustomDefinition(context.getGeneratorConfig()
                                .createObjectNode()
                                .put("type", "string")
                                .put("pattern", DECIMAL_PATTERN))
                        : null);
        // A primitive is always written, and reading a missing one would silently yield 0: it is required, never null.
        config.forFields()
                .withRequiredCheck(field -> field.getType().isPrimitive())
                .withNullableCheck(field -> field.getType().isPrimitive() ? false : null)
                // @PositiveOrZero on money becomes "minimum", which a string ignores: keep the schema honest.
                .withInstanceAttributeOverride((attributes, field, context) -> {
                    if (field.getType().getErasedType() == BigDecimal.class) {
                        attributes.remove(NUMERIC_KEYWORDS);
                    }
                });
        this.generator = new SchemaGenerator(config.build());
    }

    /** The canonical schema of one event type. */
    public ObjectNode generate(EventType<?> type) {
        ObjectNode generated = generator.generateSchema(type.payloadType());
        generated.put("$id", type.name());
        generated.put("title", type.name());
        return (ObjectNode) canonical(generated, false);
    }

    /** The schema as committed: pretty-printed with two-space indentation and a final newline. */
    public String generateJson(EventType<?> type) {
        return toJson(generate(type));
    }

    public static String toJson(JsonNode schema) {
        return WRITER.writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n";
    }

    /**
     * Sorts keys (a few identifying keywords first), anchors patterns and sorts {@code required}, so the same records
     * always give the same bytes.
     */
    private static JsonNode canonical(JsonNode node, boolean propertyMap) {
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.values().forEach(item -> array.add(canonical(item, false)));
            return array;
        }
        if (!node.isObject()) {
            return node;
        }
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
        entries.sort(
                Map.Entry.comparingByKey(propertyMap ? Comparator.naturalOrder() : EventSchemaGenerator::keywordOrder));
        ObjectNode sorted = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> entry : entries) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (propertyMap) {
                sorted.set(key, canonical(value, false));
            } else if (key.equals("properties")) {
                sorted.set(key, canonical(value, true));
            } else if (key.equals("pattern") && value.isString()) {
                sorted.put(key, anchored(value.asString()));
            } else if ((key.equals("required") || key.equals("type")) && value.isArray()) {
                ArrayNode names = sorted.putArray(key);
                value.values().stream().map(JsonNode::asString).sorted().forEach(names::add);
            } else {
                sorted.set(key, canonical(value, false));
            }
        }
        return sorted;
    }

    private static int keywordOrder(String a, String b) {
        int rankA = rank(a);
        int rankB = rank(b);
        return rankA != rankB ? Integer.compare(rankA, rankB) : a.compareTo(b);
    }

    private static int rank(String keyword) {
        int index = LEADING_KEYWORDS.indexOf(keyword);
        return index < 0 ? LEADING_KEYWORDS.size() : index;
    }

    /** Bean Validation matches a pattern against the whole value; JSON Schema finds it anywhere unless anchored. */
    private static String anchored(String pattern) {
        if (pattern.startsWith("^") && pattern.endsWith("$")) {
            return pattern;
        }
        return "^(?:" + pattern + ")$";
    }
}
