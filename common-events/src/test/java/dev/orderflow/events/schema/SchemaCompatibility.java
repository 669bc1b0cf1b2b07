package dev.orderflow.events.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;

/**
 * Decides whether a new schema of an event type may replace the old one within the same version. Within a version
 * both sides must keep working: old consumers read events from new producers, and new consumers read old events
 * (replays, dead letters). So the only allowed change is a new optional property; removing, renaming, retyping, making
 * required, and tightening or loosening a constraint all need a new {@code .vN} type.
 */
public final class SchemaCompatibility {

    /** Keywords that document a schema without constraining instances. */
    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "$comment", "examples", "deprecated");

    private static final Set<String> LOWER_BOUNDS =
            Set.of("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties", "minContains");
    private static final Set<String> UPPER_BOUNDS =
            Set.of("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties", "maxContains");

    private SchemaCompatibility() {}

    /** The reasons {@code newSchema} cannot replace {@code oldSchema}; empty when it can. */
    public static List<String> violations(JsonNode oldSchema, JsonNode newSchema) {
        List<String> violations = new ArrayList<>();
        compare("$", oldSchema, newSchema, violations);
        return violations;
    }

    private static void compare(String path, JsonNode oldSchema, JsonNode newSchema, List<String> violations) {
        if (!oldSchema.isObject() || !newSchema.isObject()) {
            if (!oldSchema.equals(newSchema)) {
                violations.add(path + ": schema changed from " + oldSchema + " to " + newSchema);
            }
            return;
        }
        Set<String> keywords = new TreeSet<>(oldSchema.propertyNames());
        keywords.addAll(newSchema.propertyNames());
        for (String keyword : keywords) {
            if (ANNOTATIONS.contains(keyword)) {
                continue;
            }
            JsonNode before = oldSchema.get(keyword);
            JsonNode after = newSchema.get(keyword);
            switch (keyword) {
                case "properties" -> compareProperties(path, oldSchema, newSchema, violations);
                case "required" -> compareRequired(path, oldSchema, newSchema, violations);
                case "items" -> {
                    if (before == null || after == null) {
                        violations.add("%s: items was %s".formatted(path, before == null ? "added" : "removed"));
                    } else {
                        compare(path + "[]", before, after, violations);
                    }
                }
                case "additionalProperties" -> {
                    // Absent means any additional property is allowed.
                    JsonNode allowedBefore = before == null ? BooleanNode.TRUE : before;
                    JsonNode allowedAfter = after == null ? BooleanNode.TRUE : after;
                    if (allowedBefore.isObject() && allowedAfter.isObject()) {
                        compare(path + "{*}", allowedBefore, allowedAfter, violations);
                    } else if (!allowedBefore.equals(allowedAfter)) {
                        violations.add("%s: additionalProperties changed from %s to %s"
                                .formatted(path, allowedBefore, allowedAfter));
                    }
                }
                case "type" -> {
                    if (!names(before).equals(names(after))) {
                        violations.add("%s: type changed from %s to %s".formatted(path, names(before), names(after)));
                    }
                }
                default -> compareConstraint(path, keyword, before, after, violations);
            }
        }
    }

    private static void compareProperties(String path, JsonNode oldSchema, JsonNode newSchema, List<String> out) {
        JsonNode before = oldSchema.path("properties");
        JsonNode after = newSchema.path("properties");
        Set<String> required = names(newSchema.get("required"));
        for (String name : before.propertyNames()) {
            if (!after.has(name)) {
                out.add("%s: property '%s' was removed%s"
                        .formatted(path, name, renameHint(before.get(name), after, before)));
            } else {
                compare(path + "." + name, before.get(name), after.get(name), out);
            }
        }
        for (String name : after.propertyNames()) {
            if (!before.has(name) && required.contains(name)) {
                out.add("%s: new property '%s' is required".formatted(path, name));
            }
        }
    }

    private static String renameHint(JsonNode removed, JsonNode newProperties, JsonNode oldProperties) {
        List<String> candidates = new ArrayList<>();
        for (String name : newProperties.propertyNames()) {
            if (!oldProperties.has(name) && newProperties.get(name).equals(removed)) {
                candidates.add(name);
            }
        }
        return candidates.isEmpty() ? "" : " (renamed to " + String.join(" or ", candidates) + "?)";
    }

    private static void compareRequired(String path, JsonNode oldSchema, JsonNode newSchema, List<String> out) {
        Set<String> before = names(oldSchema.get("required"));
        Set<String> after = names(newSchema.get("required"));
        JsonNode oldProperties = oldSchema.path("properties");
        JsonNode newProperties = newSchema.path("properties");
        for (String name : after) {
            if (!before.contains(name) && oldProperties.has(name)) {
                out.add("%s: optional property '%s' became required".formatted(path, name));
            }
        }
        for (String name : before) {
            if (!after.contains(name) && newProperties.has(name)) {
                out.add("%s: required property '%s' became optional".formatted(path, name));
            }
        }
    }

    private static void compareConstraint(
            String path, String keyword, JsonNode before, JsonNode after, List<String> out) {
        if (before != null && before.equals(after)) {
            return;
        }
        String change = before == null
                ? "%s %s was added".formatted(keyword, after)
                : after == null
                        ? "%s %s was removed".formatted(keyword, before)
                        : "%s changed from %s to %s".formatted(keyword, before, after);
        out.add("%s: %s%s".formatted(path, change, direction(keyword, before, after)));
    }

    /** Says which way a bound moved, since both directions break one side. */
    private static String direction(String keyword, JsonNode before, JsonNode after) {
        boolean lower = LOWER_BOUNDS.contains(keyword);
        if (!lower && !UPPER_BOUNDS.contains(keyword)) {
            return "";
        }
        if (before == null || after == null) {
            return before == null ? " (tightened)" : " (loosened)";
        }
        if (!before.isNumber() || !after.isNumber()) {
            return "";
        }
        int comparison = after.decimalValue().compareTo(before.decimalValue());
        boolean tightened = lower ? comparison > 0 : comparison < 0;
        return tightened ? " (tightened)" : " (loosened)";
    }

    /** The strings of a keyword that is one string or an array of them ({@code type}, {@code required}). */
    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        if (node == null) {
            return names;
        }
        if (node.isArray()) {
            node.values().forEach(name -> names.add(name.asString()));
        } else {
            names.add(node.asString());
        }
        return names;
    }
}
