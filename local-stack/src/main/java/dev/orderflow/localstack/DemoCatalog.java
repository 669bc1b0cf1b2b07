package dev.orderflow.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Seeds inventory-service with a small catalog through its own API, as an operator would, with an operator token. */
final class DemoCatalog {

    record Product(String sku, String name, String price, int stock) {}

    static final List<Product> PRODUCTS = List.of(
            new Product("SKU-1", "Espresso beans 1 kg", "12.90", 1000),
            new Product("SKU-2", "Milk frother", "34.00", 500),
            new Product("SKU-3", "Ceramic cup", "6.50", 2000),
            new Product("SKU-4", "Grinder", "89.00", 100),
            new Product("SKU-5", "Limited edition tin", "19.99", 5));

    private DemoCatalog() {}

    static void seed(String inventoryUrl, SandboxTokens tokens) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (Product product : PRODUCTS) {
            send(
                    http,
                    tokens,
                    "PUT",
                    inventoryUrl + "/api/products/" + product.sku(),
                    "{\"name\":\"%s\",\"price\":%s,\"currency\":\"EUR\"}".formatted(product.name(), product.price()));
            send(
                    http,
                    tokens,
                    "POST",
                    inventoryUrl + "/api/products/" + product.sku() + "/stock",
                    "{\"quantity\":%d}".formatted(product.stock()));
        }
    }

    private static void send(HttpClient http, SandboxTokens tokens, String method, String url, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + tokens.operator())
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(
                        method + " " + url + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while seeding the catalog", e);
        }
    }
}
