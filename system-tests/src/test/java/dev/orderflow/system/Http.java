package dev.orderflow.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON-over-HTTP client: what a user's curl does, with the answer parsed. */
final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, JsonNode body, Map<String, java.util.List<String>> headers) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }
    }

    private Http() {}

    static Response get(String url) {
        return get(url, Map.of());
    }

    static Response get(String url, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
    }

    static Response post(String url, Object body) {
        return post(url, body, Map.of());
    }

    static Response post(String url, Object body, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(json(body)), headers);
    }

    static Response put(String url, Object body) {
        return put(url, body, Map.of());
    }

    static Response put(String url, Object body, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).PUT(json(body)), headers);
    }

    static String toJson(Object body) {
        return body instanceof String s ? s : JSON.writeValueAsString(body);
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        return body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(toJson(body));
    }

    private static Response send(HttpRequest.Builder builder, Map<String, String> headers) {
        builder.timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
        if (headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
            builder.header(
                    "Authorization",
                    "Bearer "
                            + PlatformUnderTest.get()
                                    .tokens()
                                    .forPath(builder.build().uri().getPath()));
        }
        headers.forEach((name, value) -> {
            if (!value.isEmpty()) {
                builder.header(name, value);
            }
        });
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = text == null || text.isBlank() ? JSON.missingNode() : JSON.readTree(text);
            return new Response(response.statusCode(), body, response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
