package dev.orderflow.events.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class SchemaCompatibilityTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String ORDER = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": "dev.orderflow.test.order.v1",
              "type": "object",
              "properties": {
                "orderId": { "type": "string", "format": "uuid" },
                "total": { "type": "string", "pattern": "^-?[0-9]+(\\\\.[0-9]+)?$" },
                "address": {
                  "type": "object",
                  "properties": {
                    "city": { "type": "string", "maxLength": 100, "minLength": 1 },
                    "line2": { "type": ["null", "string"], "maxLength": 200 }
                  },
                  "required": ["city"]
                },
                "lines": {
                  "type": "array",
                  "minItems": 1,
                  "items": {
                    "type": "object",
                    "properties": {
                      "sku": { "type": "string" },
                      "quantity": { "type": "integer", "minimum": 1, "maximum": 1000 }
                    },
                    "required": ["quantity", "sku"]
                  }
                }
              },
              "required": ["address", "lines", "orderId", "total"]
            }
            """;

    private final ObjectNode oldSchema = (ObjectNode) JSON.readTree(ORDER);
    private final ObjectNode newSchema = (ObjectNode) JSON.readTree(ORDER);

    @Test
    void identicalSchemasAreCompatible() {
        assertThat(SchemaCompatibility.violations(oldSchema, newSchema)).isEmpty();
    }

    @Test
    void documentationChangesAreCompatible() {
        newSchema.put("title", "Order placed");
        object(newSchema, "/properties/orderId").put("description", "The order's id");

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema)).isEmpty();
    }

    @Test
    void fieldRemovedIsIncompatible() {
        object(newSchema, "/properties").remove("total");
        removeRequired(newSchema, "", "total");

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema))
                .containsExactly("$: property 'total' was removed");
    }

    @Test
    void optionalFieldRemovedIsIncompatible() {
        object(newSchema, "/properties/address/properties").remove("line2");

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema))
                .containsExactly("$.address: property 'line2' was removed");
    }

    @Test
    void fieldRenamedIsIncompatible() {
        JsonNode total = object(newSchema, "/properties").remove("total");
        object(newSchema, "/properties").set("amount", total);

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema))
                .containsExactly("$: property 'total' was removed (renamed to amount?)");
    }

    @Test
    void renamedRequiredFieldIsReportedAsRemovedAndNewRequired() {
        JsonNode total = object(newSchema, "/properties").remove("total");
        object(newSchema, "/properties").set("amount", total);
        required(newSchema, "").add("amount");

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema))
                .contains(
                        "$: property 'total' was removed (renamed to amount?)", "$: new property 'amount' is required");
    }

    @Test
    void typeChangedIsIncompatible() {
        object(newSchema, "/properties/total").put("type", "number").remove("pattern");

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema))
                .contains("$.total: type changed from [string] to [number]");
    }

    @Test
    void fieldBecomingNullableIsIncompatible() {
        object(newSchema, "/properties/orderId").putArray("type").add("null").add("string");

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema))
                .containsExactly("$.orderId: type changed from [string] to [null, string]");
    }

    @Test
    void formatChangedIsIncompatible() {
        object(newSchema, "/properties/orderId").put("format", "uri");

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema))
                .containsExactly("$.orderId: format changed from \"uuid\" to \"uri\"");
    }

    @Test
    void newRequiredFieldIsIncompatible() {
        object(newSchema, "/properties").putObject("currency").put("type", "string");
        required(newSchema, "").add("currency");

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema))
                .containsExactly("$: new property 'currency' is required");
    }

    @Test
    void newOptionalFieldIsCompatible() {
        object(newSchema, "/properties").putObject("couponCode").put("type", "string");

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema)).isEmpty();
    }

    @Test
    void newOptionalObjectWithRequiredFieldsInsideIsCompatible() {
        ObjectNode gift = object(newSchema, "/properties").putObject("gift");
        gift.put("type", "object").putObject("properties").putObject("message").put("type", "string");
        gift.putArray("required").add("message");

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema)).isEmpty();
    }

    @Test
    void optionalFieldBecomingRequiredIsIncompatible() {
        required(newSchema, "/properties/address").add("line2");

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema))
                .containsExactly("$.address: optional property 'line2' became required");
    }

    @Test
    void requiredFieldBecomingOptionalIsIncompatible() {
        removeRequired(newSchema, "", "total");

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema))
                .containsExactly("$: required property 'total' became optional");
    }

    @Test
    void tightenedConstraintIsIncompatible() {
        object(newSchema, "/properties/address/properties/city").put("maxLength", 50);

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema))
                .containsExactly("$.address.city: maxLength changed from 100 to 50 (tightened)");
    }

    @Test
    void addedConstraintIsIncompatible() {
        object(newSchema, "/properties/lines/items/properties/sku").put("pattern", "^[A-Z]+$");

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema))
                .containsExactly("$.lines[].sku: pattern \"^[A-Z]+$\" was added");
    }

    @Test
    void loosenedConstraintIsIncompatibleBecauseOldConsumersStillEnforceIt() {
        object(newSchema, "/properties/lines").put("minItems", 0);

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema))
                .containsExactly("$.lines: minItems changed from 1 to 0 (loosened)");
    }

    @Test
    void forbiddingAdditionalPropertiesIsIncompatible() {
        newSchema.put("additionalProperties", false);

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema))
                .containsExactly("$: additionalProperties changed from true to false");
    }

    @Test
    void nestedFieldRemovedIsIncompatible() {
        object(newSchema, "/properties/address/properties").remove("city");
        removeRequired(newSchema, "/properties/address", "city");

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema))
                .containsExactly("$.address: property 'city' was removed");
    }

    @Test
    void nestedTypeChangedIsIncompatible() {
        object(newSchema, "/properties/address/properties/city").put("type", "integer");

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema))
                .containsExactly("$.address.city: type changed from [string] to [integer]");
    }

    @Test
    void nestedNewRequiredFieldIsIncompatible() {
        object(newSchema, "/properties/address/properties").putObject("country").put("type", "string");
        required(newSchema, "/properties/address").add("country");

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema))
                .containsExactly("$.address: new property 'country' is required");
    }

    @Test
    void nestedNewOptionalFieldIsCompatible() {
        object(newSchema, "/properties/address/properties").putObject("state").put("type", "string");

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema)).isEmpty();
    }

    @Test
    void arrayItemFieldRemovedIsIncompatible() {
        object(newSchema, "/properties/lines/items/properties").remove("sku");
        removeRequired(newSchema, "/properties/lines/items", "sku");

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema))
                .containsExactly("$.lines[]: property 'sku' was removed");
    }

    @Test
    void arrayItemNewRequiredFieldIsIncompatible() {
        object(newSchema, "/properties/lines/items/properties")
                .putObject("unitPrice")
                .put("type", "string");
        required(newSchema, "/properties/lines/items").add("unitPrice");

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema))
                .containsExactly("$.lines[]: new property 'unitPrice' is required");
    }

    @Test
    void arrayItemNewOptionalFieldIsCompatible() {
        object(newSchema, "/properties/lines/items/properties")
                .putObject("note")
                .put("type", "string");

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema)).isEmpty();
    }

    @Test
    void arrayItemTightenedConstraintIsIncompatible() {
        object(newSchema, "/properties/lines/items/properties/quantity").put("maximum", 100);

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema))
                .containsExactly("$.lines[].quantity: maximum changed from 1000 to 100 (tightened)");
    }

    @Test
    void reportsEveryViolation() {
        object(newSchema, "/properties").remove("orderId");
        object(newSchema, "/properties/address/properties/city").put("type", "integer");
        object(newSchema, "/properties/lines/items/properties/quantity").put("minimum", 2);

        assertThat(SchemaCompatibility.violations(oldSchema, newSchema)).hasSize(3);
    }

    private static ObjectNode object(ObjectNode schema, String pointer) {
        return (ObjectNode) schema.at(pointer);
    }

    private static ArrayNode required(ObjectNode schema, String pointer) {
        return (ArrayNode) schema.at(pointer + "/required");
    }

    private static void removeRequired(ObjectNode schema, String pointer, String name) {
        ArrayNode required = required(schema, pointer);
        for (int i = required.size() - 1; i >= 0; i--) {
            if (required.get(i).asString().equals(name)) {
                required.remove(i);
            }
        }
    }
}
