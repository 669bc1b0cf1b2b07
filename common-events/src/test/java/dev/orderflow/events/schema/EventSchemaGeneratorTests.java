package dev.orderflow.events.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.EventTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class EventSchemaGeneratorTests {

    private final EventSchemaGenerator generator = new EventSchemaGenerator();

    private final ObjectNode orderPlaced = generator.generate(EventTypes.ORDER_PLACED);

    @Test
    void identifiesTheSchemaByTheWireTypeNameInDraft202012() {
        assertThat(orderPlaced.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(orderPlaced.get("$id").asString()).isEqualTo("dev.orderflow.order.placed.v1");
        assertThat(orderPlaced.get("title").asString()).isEqualTo("dev.orderflow.order.placed.v1");
        assertThat(orderPlaced.get("type").asString()).isEqualTo("object");
    }

    @Test
    void allowsAdditionalPropertiesSoConsumersTolerateNewFields() {
        assertThat(orderPlaced.has("additionalProperties")).isFalse();
        assertThat(orderPlaced.at("/properties/shippingAddress").has("additionalProperties"))
                .isFalse();
    }

    @Test
    void requiresTheFieldsBeanValidationRequires() {
        assertThat(names(orderPlaced.get("required")))
                .containsExactly("customerEmail", "customerId", "items", "orderId", "placedAt", "shippingAddress");
        assertThat(names(orderPlaced.at("/properties/shippingAddress/required")))
                .containsExactly("city", "country", "line1", "name", "postalCode");
    }

    @Test
    void requiresPrimitivesBecauseAMissingOneCannotBeRead() {
        assertThat(names(orderPlaced.at("/properties/items/items/required"))).containsExactly("quantity", "sku");
    }

    @Test
    void optionalFieldAdmitsNullBecauseEventJsonWritesAbsentValuesAsNull() {
        assertThat(names(orderPlaced.at("/properties/shippingAddress/properties/line2/type")))
                .containsExactly("null", "string");
        assertThat(orderPlaced.at("/properties/orderId/type").asString()).isEqualTo("string");
    }

    @Test
    void carriesSizePatternAndRangeConstraints() {
        assertThat(orderPlaced.at("/properties/items/minItems").asInt()).isEqualTo(1);
        assertThat(orderPlaced.at("/properties/items/maxItems").asInt()).isEqualTo(100);
        assertThat(orderPlaced
                        .at("/properties/items/items/properties/quantity/minimum")
                        .asInt())
                .isEqualTo(1);
        assertThat(orderPlaced
                        .at("/properties/items/items/properties/quantity/maximum")
                        .asInt())
                .isEqualTo(1000);
        assertThat(orderPlaced.at("/properties/customerId/maxLength").asInt()).isEqualTo(64);
        assertThat(orderPlaced.at("/properties/customerId/minLength").asInt()).isEqualTo(1);
    }

    @Test
    void anchorsPatternsBecauseBeanValidationMatchesTheWholeValue() {
        assertThat(orderPlaced
                        .at("/properties/items/items/properties/sku/pattern")
                        .asString())
                .isEqualTo("^(?:[A-Z0-9-]{1,64})$");
        assertThat(orderPlaced
                        .at("/properties/shippingAddress/properties/country/pattern")
                        .asString())
                .isEqualTo("^(?:[A-Z]{2})$");
    }

    @Test
    void describesUuidsAndInstantsAsFormattedStrings() {
        assertThat(orderPlaced.at("/properties/orderId/format").asString()).isEqualTo("uuid");
        assertThat(orderPlaced.at("/properties/placedAt/type").asString()).isEqualTo("string");
        assertThat(orderPlaced.at("/properties/placedAt/format").asString()).isEqualTo("date-time");
    }

    @Test
    void describesMoneyAsAPlainDecimalString() {
        JsonNode total = generator.generate(EventTypes.STOCK_RESERVED).at("/properties/total");
        JsonNode unitPrice =
                generator.generate(EventTypes.STOCK_RESERVED).at("/properties/lines/items/properties/unitPrice");

        assertThat(total.toString()).isEqualTo("{\"type\":\"string\",\"pattern\":\"^-?[0-9]+(\\\\.[0-9]+)?$\"}");
        assertThat(unitPrice).isEqualTo(total);
    }

    @Test
    void generatesTheSameBytesEveryTime() {
        for (var type : EventTypes.ALL) {
            assertThat(new EventSchemaGenerator().generateJson(type)).isEqualTo(generator.generateJson(type));
        }
    }

    @Test
    void printsWithTwoSpaceIndentSortedKeysAndAFinalNewline() {
        String json = generator.generateJson(EventTypes.STOCK_RELEASED);

        assertThat(json)
                .startsWith("{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n  \"$id\": ")
                .endsWith("}\n")
                .doesNotContain("\r");
        assertThat(json.indexOf("\"orderId\"")).isLessThan(json.indexOf("\"reservationId\""));
    }

    private static java.util.List<String> names(JsonNode array) {
        return array.values().stream().map(JsonNode::asString).toList();
    }
}
