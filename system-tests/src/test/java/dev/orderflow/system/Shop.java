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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
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

    /** 429 answers the order API gave this JVM's scenarios (load shed, retried). */
    static final AtomicInteger SHED = new AtomicInteger();
    /** 5xx answers the order API gave this JVM's scenarios: there must be none. */
    static final AtomicInteger SERVER_ERRORS = new AtomicInteger();

    /**
     * Places an order and returns its id, as a well-behaved client does: with an {@code Idempotency-Key}, and trying
     * again with the same key when it is told to (429 with Retry-After) or cannot reach the service (restarting);
     * the API must accept it in the end.
     */
    String place(Map<String, Object> order) {
        String key = UUID.randomUUID().toString();
        AtomicReference<Http.Response> accepted = new AtomicReference<>();
        await().atMost(SAGA_LIMIT)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Http.Response response = attempt(order, key);
                    if (response == null || response.status() == 429) {
                        return false;
                    }
                    accepted.set(response);
                    return true;
                });
        Http.Response response = accepted.get();
        assertThat(response.status()).as("place order: %s", response.body()).isEqualTo(202);
        return response.body().get("id").asString();
    }

    /** One placement attempt; null when the service could not be reached. */
    private static Http.@Nullable Response attempt(Map<String, Object> order, String key) {
        Http.Response response;
        try {
            response = Http.post(
                    PlatformUnderTest.url(ServiceSpec.ORDER) + "/api/orders", order, Map.of("Idempotency-Key", key));
        } catch (IllegalStateException unreachable) {
            return null;
        }
        if (response.status() == 429) {
            SHED.incrementAndGet();
            assertThat(response.headers()).as("429 says when to retry").containsKey("retry-after");
            assertThat(response.body().get("title").asString()).isEqualTo("Too many requests");
        } else if (response.status() >= 500) {
            SERVER_ERRORS.incrementAndGet();
        }
        return response;
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
