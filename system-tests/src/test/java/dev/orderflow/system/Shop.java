package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.localstack.ServiceSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** What a scenario does through the platform's public APIs, with names and SKUs of its own. */
final class Shop {

    static final Duration SAGA_LIMIT = Duration.ofSeconds(120);
    static final Set<String> TERMINAL = Set.of("COMPLETED", "CANCELLED");

    private final String tag = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    /** A SKU of this scenario's own. */
    String sku(String name) {
        return "SYS-" + tag + "-" + name;
    }

    String customer(String name) {
        return name + "-" + tag.toLowerCase();
    }

    void stock(String sku, String price, int quantity) {
        String url = PlatformUnderTest.url(ServiceSpec.INVENTORY) + "/api/products/" + sku;
        Http.Response put = Http.put(url, Map.of("name", "System test " + sku, "price", price, "currency", "EUR"));
        assertThat(put.status()).as("PUT %s: %s", sku, put.body()).isBetween(200, 201);
        Http.Response add = Http.post(url + "/stock", Map.of("quantity", quantity));
        assertThat(add.status()).as("stock %s: %s", sku, add.body()).isBetween(200, 204);
    }

    static Map<String, Object> order(String customerId, String country, Map<String, Integer> lines) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("customerEmail", customerId + "@example.com");
        body.put(
                "items",
                lines.entrySet().stream()
                        .map(line -> Map.of("sku", line.getKey(), "quantity", line.getValue()))
                        .toList());
        body.put(
                "shippingAddress",
                Map.of(
                        "name",
                        "Ana",
                        "line1",
                        "Main St 1",
                        "city",
                        "Berlin",
                        "postalCode",
                        "10115",
                        "country",
                        country));
        return body;
    }

    /** Places an order and returns its id; the API must accept it. */
    String place(Map<String, Object> order) {
        Http.Response response = Http.post(PlatformUnderTest.url(ServiceSpec.ORDER) + "/api/orders", order);
        assertThat(response.status()).as("place order: %s", response.body()).isEqualTo(202);
        return response.body().get("id").asString();
    }

    static JsonNode get(String orderId) {
        return Http.get(PlatformUnderTest.url(ServiceSpec.ORDER) + "/api/orders/" + orderId)
                .body();
    }

    /** Waits until the order is COMPLETED or CANCELLED and returns its view. */
    static JsonNode awaitTerminal(String orderId) {
        await().atMost(SAGA_LIMIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> TERMINAL.contains(get(orderId).get("status").asString()));
        return get(orderId);
    }

    static void awaitAllTerminal(List<String> orderIds) {
        await().atMost(SAGA_LIMIT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> orderIds.stream()
                        .allMatch(id -> TERMINAL.contains(get(id).get("status").asString())));
    }

    /** Switches a sandbox partner ({@code provider} or {@code carrier}) at run time, as an operator would. */
    static void partnerSettings(String partner, int latencyMs, double errorRate) {
        Http.Response response = Http.put(
                PlatformUnderTest.url(ServiceSpec.PARTNERS) + "/" + partner + "/settings",
                Map.of("latencyMs", latencyMs, "errorRate", errorRate));
        assertThat(response.status())
                .as("%s settings: %s", partner, response.body())
                .isEqualTo(200);
    }
}
