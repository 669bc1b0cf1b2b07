package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.localstack.ServiceSpec;
import dev.orderflow.testsupport.TestPorts;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboards show data: a real Prometheus scrapes the running platform while it handles a small mixed load, then
 * every panel query of every dashboard must parse and return data, and every alert expression must parse.
 */
class DashboardsTests {

    private static final Path DASHBOARDS = Path.of("deploy/grafana/dashboards");
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<ServiceSpec> SERVICES = List.of(
            ServiceSpec.ORDER,
            ServiceSpec.INVENTORY,
            ServiceSpec.PAYMENT,
            ServiceSpec.SHIPPING,
            ServiceSpec.NOTIFICATION);

    private static Process prometheus;
    private static String url;

    /** A panel query, where it comes from. */
    record PanelQuery(String dashboard, String panel, String expr) {}

    @BeforeAll
    static void prometheusScrapesThePlatformUnderLoad() throws IOException {
        PrometheusTools.requireInstalled();
        PlatformUnderTest.get();
        Path dir = Files.createTempDirectory("orderflow-prometheus");
        int port = TestPorts.freePort();
        url = "http://127.0.0.1:" + port;
        String targets = String.join(
                ", ",
                SERVICES.stream()
                        .map(s -> "'localhost:" + PlatformUnderTest.get().managementPort(s) + "'")
                        .toList());
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: orderflow
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: [%s]
                """.formatted(
                PrometheusTools.projectRoot().resolve("deploy/prometheus/rules/orderflow-alerts.yml"), targets));
        prometheus = new ProcessBuilder(
                        "prometheus",
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        await().atMost(WAIT)
                .ignoreExceptions()
                .until(() -> query("sum(up)").get("result").size() == 1
                        && query("sum(up)")
                                .get("result")
                                .get(0)
                                .get("value")
                                .get(1)
                                .asString()
                                .equals("5"));

        Shop shop = new Shop();
        String sku = shop.sku("DASH");
        shop.stock(sku, "4.00", 20);
        List<String> orders = List.of(
                shop.place(Shop.order(shop.customer("dash"), "DE", Map.of(sku, 1))),
                shop.place(Shop.order(shop.customer("decline-dash"), "DE", Map.of(sku, 1))),
                shop.place(Shop.order(shop.customer("far-dash"), "XX", Map.of(sku, 1))),
                shop.place(Shop.order(shop.customer("greedy-dash"), "DE", Map.of(sku, 100))));
        Shop.awaitAllTerminal(orders);
        // The load is in Prometheus once rates can be taken over it: two scrapes of the series it created (partner
        // calls)
        // and of the outcome counters it moved.
        await().atMost(WAIT)
                .ignoreExceptions()
                .until(() -> !query("count_over_time(http_client_requests_seconds_count[1m]) >= 2")
                                .get("result")
                                .isEmpty()
                        && !query("sum(increase(orderflow_orders_completed_total[1m])) > 0")
                                .get("result")
                                .isEmpty());
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.destroy();
        }
    }

    @Test
    void everyPanelQueryOfEveryDashboardReturnsData() throws IOException {
        List<PanelQuery> queries = panelQueries();
        assertThat(queries).as("panel queries").hasSizeGreaterThan(30);
        List<String> failures = new ArrayList<>();
        for (PanelQuery q : queries) {
            String expr = q.expr().replace("$__rate_interval", "1m").replace("$application", ".*");
            try {
                JsonNode data = query(expr);
                if (data.get("result").isEmpty()) {
                    failures.add(q.dashboard() + " / " + q.panel() + ": no data for " + expr);
                }
            } catch (IllegalStateException e) {
                failures.add(q.dashboard() + " / " + q.panel() + ": " + e.getMessage());
            }
        }
        assertThat(failures).as("panels without data").isEmpty();
    }

    @Test
    void everyAlertExpressionParsesAndRunsOnTheRealMetrics() throws IOException {
        List<String> expressions = AlertRulesTests.alertExpressions();
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(7);
        for (String expr : expressions) {
            assertThat(query(expr).get("resultType").asString()).as(expr).isEqualTo("vector");
        }
        JsonNode rules = get("/api/v1/rules").get("data").get("groups");
        assertThat(rules.get(0).get("rules").size())
                .as("rules loaded by Prometheus")
                .isEqualTo(expressions.size());
        rules.get(0)
                .get("rules")
                .forEach(rule -> assertThat(rule.get("health").asString())
                        .as(rule.get("name").asString())
                        .isNotEqualTo("err"));
    }

    private static List<PanelQuery> panelQueries() throws IOException {
        List<PanelQuery> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(PrometheusTools.projectRoot().resolve(DASHBOARDS))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                for (JsonNode panel : dashboard.get("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        queries.add(new PanelQuery(
                                dashboard.get("title").asString(),
                                panel.get("title").asString(),
                                target.get("expr").asString()));
                    }
                }
            }
        }
        return queries;
    }

    private static JsonNode query(String expr) {
        JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        if (!"success".equals(answer.path("status").asString())) {
            throw new IllegalStateException(answer.path("error").asString("query failed") + " in " + expr);
        }
        return answer.get("data");
    }

    private static JsonNode get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Prometheus unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
