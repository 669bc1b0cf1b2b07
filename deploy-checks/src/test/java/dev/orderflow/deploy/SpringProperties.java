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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whether an environment variable names a real Spring property, by Spring Boot's relaxed binding
 * ({@code SPRING_KAFKA_BOOTSTRAP_SERVERS} → {@code spring.kafka.bootstrap-servers}): Spring Boot's own properties come
 * from the configuration metadata of its jars, Orderflow's from the {@code @ConfigurationProperties} records in the
 * services' sources.
 */
final class SpringProperties {

    /** Variables read by the JVM or the OpenTelemetry SDK rather than by Spring's binder. */
    static final Set<String> USED_OUTSIDE_SPRING = Set.of("JAVA_TOOL_OPTIONS", "OTEL_RESOURCE_ATTRIBUTES");

    private static final Pattern PREFIX = Pattern.compile("@ConfigurationProperties\\(\"([a-z0-9.-]+)\"\\)");
    private static final Pattern RECORD =
            Pattern.compile("record\\s+\\w+\\((.*?)\\)\\s*(implements[^{]*)?\\{", Pattern.DOTALL);
    private static final Pattern COMPONENT = Pattern.compile("\\b([a-z][A-Za-z0-9]*)\\s*(,|$)");

    private final Set<String> names = new HashSet<>();
    private final Set<String> maps = new HashSet<>();
    private final Set<String> orderflow = new HashSet<>();

    SpringProperties() {
        loadBootMetadata();
        loadOrderflowProperties();
    }

    boolean isKnown(String variable) {
        if (USED_OUTSIDE_SPRING.contains(variable)) {
            return true;
        }
        String key = normalize(variable);
        return names.contains(key)
                || orderflow.contains(key)
                || maps.stream().anyMatch(map -> key.startsWith(map) && key.length() > map.length());
    }

    /** Relaxed binding compares names without case, dots, dashes and underscores. */
    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[._\\-\\[\\]]", "");
    }

    private void loadBootMetadata() {
        ObjectMapper json = new ObjectMapper();
        try {
            Enumeration<URL> files =
                    getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
            while (files.hasMoreElements()) {
                try (InputStream in = files.nextElement().openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String name = property.path("name").asText();
                        names.add(normalize(name));
                        if (property.path("type").asText().startsWith("java.util.Map")) {
                            maps.add(normalize(name));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code prefix + component} for every record component of every Orderflow properties class (nested too). */
    private void loadOrderflowProperties() {
        for (String module : List.of(
                "common-web",
                "common-messaging",
                "order-service",
                "inventory-service",
                "payment-service",
                "shipping-service",
                "notification-service")) {
            Path sources = Manifests.root().resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(file);
                    Matcher prefix = PREFIX.matcher(text);
                    if (!prefix.find()) {
                        continue;
                    }
                    String base = normalize(prefix.group(1));
                    Set<String> components = new HashSet<>();
                    Matcher record = RECORD.matcher(text.substring(prefix.end()));
                    while (record.find()) {
                        // Annotations may carry commas and parentheses: only the last word before each comma counts.
                        Matcher component = COMPONENT.matcher(record.group(1).replaceAll("@\\w+(\\([^)]*\\))?", ""));
                        while (component.find()) {
                            components.add(normalize(component.group(1)));
                        }
                    }
                    // One level of nesting (orderflow.notifications.webhook.secret) covers every Orderflow record.
                    for (String first : components) {
                        orderflow.add(base + first);
                        for (String second : components) {
                            orderflow.add(base + first + second);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
