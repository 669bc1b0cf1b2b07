package dev.orderflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether an environment variable names a real Spring property, by Spring Boot's relaxed binding
 * ({@code SPRING_KAFKA_BOOTSTRAP_SERVERS} → {@code spring.kafka.bootstrap-servers}), from Spring Boot's configuration
 * metadata: its own jars' on this classpath, Orderflow's as {@code spring-boot-configuration-processor} generated it
 * into each module's build output. Properties whose metadata says they were removed (deprecation level {@code error})
 * count as unknown.
 */
final class SpringProperties {

    /** Variables read by the JVM or the OpenTelemetry SDK rather than by Spring's binder. */
    static final Set<String> USED_OUTSIDE_SPRING = Set.of("JAVA_TOOL_OPTIONS", "OTEL_RESOURCE_ATTRIBUTES");

    /** The modules whose properties the deployments set; deploy-checks' POM builds them first. */
    static final List<String> MODULES = List.of(
            "common-web",
            "common-messaging",
            "order-service",
            "inventory-service",
            "payment-service",
            "shipping-service",
            "notification-service");

    static final String METADATA = "META-INF/spring-configuration-metadata.json";

    private final ObjectMapper json = new ObjectMapper();
    private final Set<String> names = new HashSet<>();
    private final Set<String> maps = new HashSet<>();

    SpringProperties() {
        try {
            Enumeration<URL> files = getClass().getClassLoader().getResources(METADATA);
            while (files.hasMoreElements()) {
                try (InputStream in = files.nextElement().openStream()) {
                    load(in);
                }
            }
            for (String module : MODULES) {
                Path classes = Manifests.root().resolve(module).resolve("target/classes");
                Path file = classes.resolve(METADATA);
                if (!Files.isDirectory(classes)) {
                    throw new IllegalStateException("No build output of " + module + " at " + classes
                            + ": build it first (./mvnw -pl deploy-checks -am verify)");
                }
                if (!Files.exists(file)) {
                    // Built, and without @ConfigurationProperties of its own: the processor writes no metadata.
                    continue;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    load(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isKnown(String variable) {
        if (USED_OUTSIDE_SPRING.contains(variable)) {
            return true;
        }
        String key = normalize(variable);
        return names.contains(key) || maps.stream().anyMatch(map -> key.startsWith(map) && key.length() > map.length());
    }

    /** Relaxed binding compares names without case, dots, dashes and underscores. */
    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[._\\-\\[\\]]", "");
    }

    private void load(InputStream metadata) throws IOException {
        for (JsonNode property : json.readTree(metadata).path("properties")) {
            if ("error".equals(property.path("deprecation").path("level").asText())) {
                continue;
            }
            String name = normalize(property.path("name").asText());
            names.add(name);
            if (property.path("type").asText().startsWith("java.util.Map")) {
                maps.add(name);
            }
        }
    }
}
