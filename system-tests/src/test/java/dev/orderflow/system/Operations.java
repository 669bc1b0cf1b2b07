package dev.orderflow.system;

import dev.orderflow.localstack.ServiceSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** What an operator looks at: a service's Prometheus metrics and its dead letters. */
final class Operations {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<ServiceSpec> SERVICES = List.of(
            ServiceSpec.ORDER,
            ServiceSpec.INVENTORY,
            ServiceSpec.PAYMENT,
            ServiceSpec.SHIPPING,
            ServiceSpec.NOTIFICATION);

    private Operations() {}

    /**
     * The sum of a metric's samples whose labels include every one of {@code labels} ({@code name="value"}) in the
     * service's {@code /actuator/prometheus}; 0 when there is none.
     */
    static double metric(ServiceSpec spec, String name, String... labels) {
        String text = scrape(spec);
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            boolean matches = true;
            for (String label : labels) {
                matches &= line.contains(label);
            }
            if (matches) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** The message keys (order ids) of every dead letter recorded by any of the five services. */
    static List<String> deadLetteredKeys() {
        List<String> keys = new ArrayList<>();
        for (ServiceSpec spec : SERVICES) {
            JsonNode page = Http.get(PlatformUnderTest.url(spec) + "/api/admin/dead-letters?size=200")
                    .body();
            page.get("content").forEach(letter -> keys.add(letter.get("key").asString()));
        }
        return keys;
    }

    /** The service's {@code /actuator/prometheus} text. */
    static String scrape(ServiceSpec spec) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(PlatformUnderTest.get().managementUrl(spec) + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        spec.name() + " /actuator/prometheus answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("Could not scrape " + spec.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
