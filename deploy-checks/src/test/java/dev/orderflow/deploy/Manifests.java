package dev.orderflow.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.Yaml;

/** The deployment artefacts as files and rendered objects, and the services' own configuration to check them against. */
final class Manifests {

    /** A service as its own configuration describes it. */
    /** A service, its API port and its management port (health, info, prometheus). */
    record Service(String name, int port, int managementPort) {}

    static final List<String> OVERLAYS = List.of("dev", "prod");
    static final List<String> SERVICE_NAMES = List.of(
            "order-service", "inventory-service", "payment-service", "shipping-service", "notification-service");

    /** Parses objects into their typed models (fabric8, Strimzi, {@link CustomResources}), unknown fields refused. */
    private static final ObjectMapper TYPED =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Manifests() {}

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        return Files.exists(dir.resolve("../deploy")) ? dir.getParent() : dir;
    }

    /** The five services with the port their application.yml sets. */
    static List<Service> services() {
        return SERVICE_NAMES.stream().map(Manifests::service).toList();
    }

    static Service service(String name) {
        Map<String, Object> config = yaml(root().resolve(name).resolve("src/main/resources/application.yml"));
        Object port = map(config.get("server")).get("port");
        Object managementPort = map(map(config.get("management")).get("server")).get("port");
        return new Service(
                name,
                Integer.parseInt(String.valueOf(Objects.requireNonNull(port, name + " server.port"))),
                Integer.parseInt(
                        String.valueOf(Objects.requireNonNull(managementPort, name + " management.server.port"))));
    }

    /** Renders an overlay with {@code kubectl kustomize}; fails with the reason when kubectl is not there. */
    static List<Map<String, Object>> render(String overlay) {
        Path dir = root().resolve("deploy/k8s/overlays").resolve(overlay);
        try {
            Path out = Files.createTempFile("kustomize-" + overlay, ".yaml");
            Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + overlay + " did not finish in 120 s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed: " + text);
            }
            return documents(text);
        } catch (IOException e) {
            throw new AssertionError(
                    "kubectl is needed to render the Kubernetes overlays (kubectl kustomize); install kubectl: "
                            + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static List<Map<String, Object>> documents(String text) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(text)) {
            if (doc != null) {
                docs.add(map(doc));
            }
        }
        return docs;
    }

    /** The objects of one manifest of the repository as written, without rendering ({@code deploy/k8s/base/...}). */
    static List<Map<String, Object>> file(String path) {
        try {
            return documents(Files.readString(root().resolve(path), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One object as its typed model; {@link IllegalArgumentException} when a field does not fit (fabric8 and Strimzi
     * keep unknown fields in {@code additionalProperties} instead, see TypedModelTests).
     */
    static <T> T typed(Map<String, Object> doc, Class<T> model) {
        return TYPED.convertValue(doc, model);
    }

    static Map<String, Object> yaml(Path file) {
        try {
            return map(new Yaml().load(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    static String name(Map<String, Object> doc) {
        return String.valueOf(map(doc.get("metadata")).get("name"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? new LinkedHashMap<>() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    /** Follows a path of map keys ({@code spec.template.spec}); empty map when absent. */
    static Map<String, Object> at(Map<String, Object> doc, String path) {
        Map<String, Object> current = doc;
        for (String key : path.split("\\.")) {
            current = map(current.get(key));
        }
        return current;
    }
}
