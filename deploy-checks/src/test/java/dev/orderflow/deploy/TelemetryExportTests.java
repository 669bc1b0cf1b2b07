package dev.orderflow.deploy;

import static dev.orderflow.deploy.Manifests.at;
import static dev.orderflow.deploy.Manifests.list;
import static dev.orderflow.deploy.Manifests.map;
import static dev.orderflow.deploy.Manifests.name;
import static dev.orderflow.deploy.Manifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §6: every service sends its traces and its metrics over OTLP to the OpenTelemetry Collector in compose and on
 * Kubernetes; the collector receives both and exports both; Prometheus scrapes what the collector exports besides every
 * service, and the OTLP copies never share a name with the series the dashboards and alerts read (docs/metrics.md).
 */
class TelemetryExportTests {

    private static final String COLLECTOR = "otel-collector";

    @Test
    void composeSendsEveryServicesTracesAndMetricsToTheCollector() {
        Map<String, Object> services = map(yaml("docker-compose.yml").get("services"));
        int otlpHttp = otlpHttpPort(collectorConfig("deploy/otel-collector/config.yaml"));
        for (String service : Manifests.SERVICE_NAMES) {
            Map<String, Object> container = map(services.get(service));
            assertOtlpExport(service, map(container.get("environment")), otlpHttp);
            assertThat(map(container.get("depends_on"))).as(service).containsKey(COLLECTOR);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kubernetesSendsEveryServicesTracesAndMetricsToTheCollector(String overlay) {
        List<Map<String, Object>> docs = Manifests.render(overlay);
        Map<String, Object> collector = ofKind(docs, "Service").stream()
                .filter(s -> name(s).equals(COLLECTOR))
                .findFirst()
                .orElseThrow();
        int otlpHttp = servicePort(collector, "otlp-http");
        for (String service : Manifests.SERVICE_NAMES) {
            assertOtlpExport(service, environment(docs, service), otlpHttp);
            Map<String, Object> policy = ofKind(docs, "NetworkPolicy").stream()
                    .filter(np -> name(np).equals(service))
                    .findFirst()
                    .orElseThrow();
            assertThat(list(at(policy, "spec").get("egress")).toString())
                    .as("%s reaches the collector", service)
                    .contains("app.kubernetes.io/name=" + COLLECTOR, "port=" + otlpHttp);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy/otel-collector/config.yaml", "deploy/otel-collector/config-production.yaml"})
    void theCollectorReceivesTracesAndMetricsOverOtlpAndExportsThem(String file) {
        Map<String, Object> config = collectorConfig(file);
        assertThat(otlpHttpPort(config)).isPositive();
        Map<String, Object> exporters = map(config.get("exporters"));
        for (String signal : List.of("traces", "metrics")) {
            Map<String, Object> pipeline = at(config, "service.pipelines." + signal);
            assertThat(list(pipeline.get("receivers")))
                    .as("%s %s receivers", file, signal)
                    .contains("otlp");
            assertThat(list(pipeline.get("exporters")))
                    .as("%s %s exporters", file, signal)
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(exporters).containsKey(String.valueOf(e)));
        }
        assertThat(list(at(config, "service.pipelines.metrics").get("exporters")))
                .as("%s: the services' metrics reach Prometheus through the collector", file)
                .contains("prometheus");
        assertThat(map(exporters.get("prometheus")).get("namespace"))
                .as("%s: OTLP copies named apart from the scraped series", file)
                .asString()
                .matches("[a-z]+");
    }

    @Test
    void prometheusScrapesTheCollectorsExportAndTheDashboardsReadOnlyTheServicesOwnSeries() throws IOException {
        Map<String, Object> prometheus =
                map(map(collectorConfig("deploy/otel-collector/config.yaml").get("exporters"))
                        .get("prometheus"));
        int port = port(String.valueOf(prometheus.get("endpoint")));
        String namespace = String.valueOf(prometheus.get("namespace"));

        assertThat(String.valueOf(yaml("deploy/prometheus/prometheus.yml").get("scrape_configs")))
                .as("compose's Prometheus scrapes the collector's export")
                .contains(COLLECTOR + ":" + port);
        List<Map<String, Object>> docs = Manifests.render("prod");
        Map<String, Object> collector = ofKind(docs, "Service").stream()
                .filter(s -> name(s).equals(COLLECTOR))
                .findFirst()
                .orElseThrow();
        assertThat(ofKind(docs, "ServiceMonitor"))
                .as("a ServiceMonitor scrapes the collector's export")
                .anySatisfy(monitor -> {
                    assertThat(at(collector, "metadata.labels"))
                            .containsAllEntriesOf(at(monitor, "spec.selector.matchLabels"));
                    Object endpoint = map(list(at(monitor, "spec").get("endpoints"))
                                    .getFirst())
                            .get("port");
                    assertThat(servicePort(collector, String.valueOf(endpoint))).isEqualTo(port);
                });

        for (Path file : dashboardsAndAlertRules()) {
            assertThat(Files.readString(file))
                    .as("%s reads the services' own series, never the OTLP copies", file.getFileName())
                    .doesNotContainPattern("\\b" + namespace + "_");
        }
    }

    private static void assertOtlpExport(String service, Map<String, Object> environment, int otlpHttp) {
        String collector = "http://" + COLLECTOR + ":" + otlpHttp;
        assertThat(environment)
                .as("%s exports traces and metrics over OTLP", service)
                .containsEntry("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", collector + "/v1/traces")
                .containsEntry("MANAGEMENT_OTLP_METRICS_EXPORT_ENABLED", "true")
                .containsEntry("MANAGEMENT_OTLP_METRICS_EXPORT_URL", collector + "/v1/metrics");
    }

    /** The variables a service's container gets: its ConfigMaps ({@code envFrom}), then its {@code env} values. */
    private static Map<String, Object> environment(List<Map<String, Object>> docs, String service) {
        Map<String, Object> container =
                KubernetesInvariantsTests.container(KubernetesInvariantsTests.deployment(docs, service));
        Map<String, Object> environment = new LinkedHashMap<>();
        for (Object source : list(container.get("envFrom"))) {
            String configMap =
                    String.valueOf(map(map(source).get("configMapRef")).get("name"));
            ofKind(docs, "ConfigMap").stream()
                    .filter(c -> name(c).equals(configMap))
                    .forEach(c -> environment.putAll(map(c.get("data"))));
        }
        for (Object variable : list(container.get("env"))) {
            Map<String, Object> env = map(variable);
            if (env.containsKey("value")) {
                environment.put(String.valueOf(env.get("name")), env.get("value"));
            }
        }
        return environment;
    }

    private static Map<String, Object> collectorConfig(String file) {
        return yaml(file);
    }

    private static int otlpHttpPort(Map<String, Object> collectorConfig) {
        return port(String.valueOf(
                at(collectorConfig, "receivers.otlp.protocols.http").get("endpoint")));
    }

    private static int servicePort(Map<String, Object> service, String portName) {
        return list(at(service, "spec").get("ports")).stream()
                .map(Manifests::map)
                .filter(p -> portName.equals(p.get("name")))
                .map(p -> (Integer) p.get("port"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name(service) + " has no port " + portName));
    }

    private static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    private static List<Path> dashboardsAndAlertRules() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> dashboards = Files.list(Manifests.root().resolve("deploy/grafana/dashboards"));
                Stream<Path> rules = Files.list(Manifests.root().resolve("deploy/prometheus/rules"))) {
            files.addAll(dashboards.toList());
            files.addAll(rules.toList());
        }
        return files;
    }

    private static Map<String, Object> yaml(String file) {
        return Manifests.yaml(Manifests.root().resolve(file));
    }
}
