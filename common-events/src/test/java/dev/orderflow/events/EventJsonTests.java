package dev.orderflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.orderflow.events.order.OrderCompleted;
import dev.orderflow.events.order.OrderPlaced;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventJsonTests {

    private static final UUID ORDER_ID = UUID.fromString("0195a3f2-7c41-7d2e-9b6a-3f1c2d4e5a60");

    @Test
    void writesMoneyAsAPlainDecimalString() {
        JsonNode json = tree(new OrderCompleted(ORDER_ID, new BigDecimal("1E+3"), "EUR", "a@example.com"));

        assertThat(json.get("total").isString()).isTrue();
        assertThat(json.get("total").asString()).isEqualTo("1000");
    }

    @Test
    void keepsTheScaleOfMoney() {
        JsonNode json = tree(new OrderCompleted(ORDER_ID, new BigDecimal("59.80"), "EUR", "a@example.com"));

        assertThat(json.get("total").asString()).isEqualTo("59.80");
    }

    @Test
    void readsMoneyFromADecimalString() {
        OrderCompleted event = read(
                "{\"orderId\":\"%s\",\"total\":\"59.80\",\"currency\":\"EUR\",\"customerEmail\":\"a@example.com\"}"
                        .formatted(ORDER_ID),
                OrderCompleted.class);

        assertThat(event.total()).isEqualTo(new BigDecimal("59.80"));
    }

    @Test
    void writesInstantsAsIsoStrings() {
        Instant placedAt = Instant.parse("2026-03-02T09:15:30.123456Z");
        OrderPlaced event = new OrderPlaced(
                ORDER_ID,
                "cust-1",
                "a@example.com",
                List.of(new OrderLine("MUG-1", 1)),
                new ShippingAddress("Ada", "Street 1", null, "Berlin", "10117", "DE"),
                placedAt);

        JsonNode json = tree(event);

        assertThat(json.get("placedAt").asString()).isEqualTo("2026-03-02T09:15:30.123456Z");
        assertThat(read(EventJson.writeString(event), OrderPlaced.class).placedAt())
                .isEqualTo(placedAt);
    }

    @Test
    void writesFieldNamesOfTheRecordAndNoTypeInformation() {
        JsonNode json = tree(new OrderCompleted(ORDER_ID, BigDecimal.TEN, "EUR", "a@example.com"));

        assertThat(json.propertyNames()).containsExactlyInAnyOrder("orderId", "total", "currency", "customerEmail");
        assertThat(json.get("orderId").asString()).isEqualTo(ORDER_ID.toString());
    }

    @Test
    void ignoresUnknownFieldsSoNewOptionalFieldsDoNotBreakConsumers() {
        OrderCompleted event = read(
                "{\"orderId\":\"%s\",\"total\":\"10\",\"currency\":\"EUR\",\"customerEmail\":\"a@example.com\","
                                .formatted(ORDER_ID)
                        + "\"loyaltyPoints\":42,\"gift\":{\"message\":\"hi\"}}",
                OrderCompleted.class);

        assertThat(event).isEqualTo(new OrderCompleted(ORDER_ID, new BigDecimal("10"), "EUR", "a@example.com"));
    }

    @Test
    void malformedJsonIsAnInvalidPayload() {
        assertThatExceptionOfType(InvalidPayloadException.class)
                .isThrownBy(() -> read("{\"orderId\":", OrderCompleted.class))
                .withMessageStartingWith("OrderCompleted payload is not readable");
    }

    @Test
    void trailingGarbageIsAnInvalidPayload() {
        assertThatExceptionOfType(InvalidPayloadException.class)
                .isThrownBy(() -> read("{\"orderId\":\"%s\"} {}".formatted(ORDER_ID), OrderCompleted.class));
    }

    @Test
    void wrongFieldTypeIsAnInvalidPayload() {
        assertThatExceptionOfType(InvalidPayloadException.class)
                .isThrownBy(() -> read("{\"orderId\":\"not-a-uuid\"}", OrderCompleted.class));
    }

    @Test
    void missingPrimitiveIsAnInvalidPayloadRatherThanZero() {
        assertThatExceptionOfType(InvalidPayloadException.class)
                .isThrownBy(() -> read(
                        "{\"orderId\":\"%s\",\"items\":[{\"sku\":\"MUG-1\"}]}".formatted(ORDER_ID), OrderPlaced.class));
    }

    @Test
    void emptyOrNullPayloadIsAnInvalidPayload() {
        assertThatExceptionOfType(InvalidPayloadException.class).isThrownBy(() -> read("", OrderCompleted.class));
        assertThatExceptionOfType(InvalidPayloadException.class).isThrownBy(() -> read("null", OrderCompleted.class));
    }

    @Test
    void writesBytesAndStringAlike() {
        OrderCompleted event = new OrderCompleted(ORDER_ID, BigDecimal.ONE, "EUR", "a@example.com");

        assertThat(new String(EventJson.write(event), StandardCharsets.UTF_8)).isEqualTo(EventJson.writeString(event));
    }

    private static JsonNode tree(SagaEvent event) {
        return EventJson.mapper().readTree(EventJson.write(event));
    }

    private static <T extends SagaEvent> T read(String json, Class<T> type) {
        return EventJson.read(json.getBytes(StandardCharsets.UTF_8), type);
    }
}
