package dev.orderflow.messaging.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PersonalDataMaskerTests {

    @Test
    void masksThePersonalFieldsOfTheContractAtAnyDepth() {
        String payload = """
                {"orderId":"5f0c","customerEmail":"ana@example.com",
                 "shippingAddress":{"name":"Ana","line1":"Main St 1"},
                 "lines":[{"sku":"SKU-1","customerEmail":"bo@example.com"}]}
                """;

        JsonNode masked = (JsonNode) PersonalDataMasker.maskPayload(payload.getBytes(StandardCharsets.UTF_8));

        assertThat(masked.get("orderId").asString()).isEqualTo("5f0c");
        assertThat(masked.get("customerEmail").asString()).isEqualTo("***");
        assertThat(masked.get("shippingAddress").asString()).isEqualTo("***");
        assertThat(masked.get("lines").get(0).get("customerEmail").asString()).isEqualTo("***");
        assertThat(masked.get("lines").get(0).get("sku").asString()).isEqualTo("SKU-1");
    }

    @Test
    void masksEmailAddressesInFreeTextAndInPayloadsThatAreNotJson() {
        assertThat(PersonalDataMasker.maskText("could not mail ana.b+x@example.co.uk today"))
                .isEqualTo("could not mail *** today");
        assertThat(PersonalDataMasker.maskPayload("garbage ana@example.com".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("garbage ***");
    }
}
