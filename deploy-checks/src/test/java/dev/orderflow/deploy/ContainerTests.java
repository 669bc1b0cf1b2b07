package dev.orderflow.deploy;

import static dev.orderflow.deploy.Manifests.list;
import static dev.orderflow.deploy.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfiles (linted by explicit rules: hadolint is not available offline) and docker-compose.yml, checked against
 * the services' configuration: pinned bases, non-root users, health checks on the ports the services listen on, real
 * property names, dependency conditions, and only clearly marked local credentials.
 */
class ContainerTests {

    private static final List<String> IMAGES = List.of(
            "order-service",
            "inventory-service",
            "payment-service",
            "shipping-service",
            "notification-service",
            "sandbox-partners");
    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)");
    private static final SpringProperties PROPERTIES = new SpringProperties();
    /** Published ports bind the loopback interface only. */
    private static final String LOOPBACK = "127.0.0.1:";

    @Test
    void dockerfilesUsePinnedBasesANonRootUserAndAHealthCheckOnTheManagementPort() throws IOException {
        for (String image : IMAGES) {
            String dockerfile = Files.readString(Manifests.root().resolve(image).resolve("Dockerfile"));
            int port = image.equals("sandbox-partners")
                    ? partnersPort()
                    : Manifests.service(image).port();
            int managementPort = image.equals("sandbox-partners")
                    ? port
                    : Manifests.service(image).managementPort();
            Matcher from = FROM.matcher(dockerfile);
            int bases = 0;
            while (from.find()) {
                bases++;
                assertThat(from.group(1))
                        .as("%s base image", image)
                        .matches("[a-z0-9./-]+:[0-9][A-Za-z0-9._-]*")
                        .doesNotContain(":latest");
            }
            assertThat(bases).as("%s stages", image).isPositive();
            assertThat(dockerfile)
                    .as(image)
                    .containsPattern("(?m)^USER 10001:10001$")
                    .containsPattern("(?m)^EXPOSE " + port + (managementPort == port ? "" : " " + managementPort) + "$")
                    .contains("HEALTHCHECK", "http://localhost:" + managementPort + "/actuator/health/liveness")
                    .containsPattern("(?m)^ENTRYPOINT \\[")
                    .doesNotContainPattern("(?m)^ADD\\s+https?://")
                    .doesNotContainPattern("(?m)^USER\\s+(root|0)\\b")
                    .doesNotContain("apt-get install", "sudo ");
        }
    }

    @Test
    void composeRunsEveryServiceWithHealthChecksDependenciesAndRealProperties() {
        Map<String, Object> compose = Manifests.yaml(Manifests.root().resolve("docker-compose.yml"));
        Map<String, Object> services = map(compose.get("services"));
        assertThat(services)
                .containsKeys(
                        "kafka", "postgres", "otel-collector", "prometheus", "grafana", "jaeger", "sandbox-partners")
                .containsKeys(Manifests.SERVICE_NAMES.toArray(String[]::new));
        List<String> unknown = new ArrayList<>();
        services.forEach((name, value) -> {
            Map<String, Object> service = map(value);
            assertThat(map(service.get("healthcheck")))
                    .as("%s health check", name)
                    .containsKey("test");
            String image = String.valueOf(service.get("image"));
            assertThat(image).as("%s image", name).matches(".+:[0-9v][^:]*").doesNotEndWith(":latest");
            map(service.get("depends_on")).forEach((dependency, condition) -> {
                assertThat(services).as("%s depends on %s", name, dependency).containsKey(dependency);
                assertThat(map(condition)).as("%s → %s", name, dependency).containsKey("condition");
            });
            map(service.get("environment")).forEach((variable, setting) -> {
                String text = String.valueOf(setting);
                if (variable.matches(".*(PASSWORD|SECRET).*")) {
                    assertThat(text)
                            .as(
                                    "%s %s: from the environment, required or defaulting to a marked local value",
                                    name, variable)
                            .matches("\\$\\{[A-Z_]+(:-[a-z-]*local-only|:\\?[^}]+)\\}");
                }
                if (Manifests.SERVICE_NAMES.contains(name) && !PROPERTIES.isKnown(variable)) {
                    unknown.add(name + ": " + variable);
                }
            });
        });
        assertThat(unknown).as("variables that name no Spring property").isEmpty();
        for (Manifests.Service service : Manifests.services()) {
            Map<String, Object> container = map(services.get(service.name()));
            assertThat(list(container.get("ports")))
                    .contains(LOOPBACK + service.port() + ":" + service.port())
                    .contains(LOOPBACK + service.managementPort() + ":" + service.managementPort());
            assertThat(map(container.get("build"))).containsEntry("dockerfile", service.name() + "/Dockerfile");
            assertThat(map(container.get("depends_on"))).containsKeys("kafka", "postgres");
            assertThat(String.valueOf(map(container.get("healthcheck")).get("test")))
                    .contains("http://localhost:" + service.managementPort() + "/actuator/health/liveness");
            String database = String.valueOf(map(container.get("environment")).get("SPRING_DATASOURCE_URL"));
            assertThat(database).as("%s database", service.name()).isEqualTo(localDatabaseOf(service.name()));
        }
    }

    /**
     * Issue 18: compose is a developer's stack, never reachable from the network it runs in. Published ports bind the
     * loopback interface only, Prometheus' lifecycle API ({@code /-/quit}, {@code /-/reload}) is off, and Grafana's admin
     * password is one the developer sets: no default anybody could guess.
     */
    @Test
    void composePublishesOnlyOnLoopbackWithoutPrometheusLifecycleAndWithARequiredGrafanaPassword() {
        Map<String, Object> services = map(
                Manifests.yaml(Manifests.root().resolve("docker-compose.yml")).get("services"));
        List<String> published = new ArrayList<>();
        services.forEach((name, value) -> list(map(value).get("ports")).forEach(port -> {
            assertThat(String.valueOf(port))
                    .as("%s publishes %s", name, port)
                    .matches(Pattern.quote(LOOPBACK) + "[0-9]+:[0-9]+");
            published.add(name + " " + port);
        }));
        assertThat(published).as("published ports").isNotEmpty();
        assertThat(list(map(services.get("prometheus")).get("command")))
                .as("Prometheus flags")
                .map(String::valueOf)
                .noneMatch(flag -> flag.startsWith("--web.enable-lifecycle"))
                .noneMatch(flag -> flag.startsWith("--web.enable-admin-api"));
        assertThat(String.valueOf(
                        map(map(services.get("grafana")).get("environment")).get("GF_SECURITY_ADMIN_PASSWORD")))
                .as("Grafana's admin password: required from the environment, no default")
                .matches("\\$\\{GRAFANA_ADMIN_PASSWORD:\\?[^}]+\\}");
    }

    @Test
    void composeCreatesEveryServicesDatabaseAndMountsWhatExists() throws IOException {
        String init = Files.readString(Manifests.root().resolve("deploy/compose/postgres-init.sql"));
        for (String service : Manifests.SERVICE_NAMES) {
            String url = localDatabaseOf(service);
            String database = url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
            assertThat(init).contains("create database " + database + ";");
        }
        Map<String, Object> services = map(
                Manifests.yaml(Manifests.root().resolve("docker-compose.yml")).get("services"));
        services.forEach((name, value) -> list(map(value).get("volumes")).forEach(volume -> {
            String source = String.valueOf(volume).split(":")[0];
            if (source.startsWith("./")) {
                assertThat(Manifests.root().resolve(source))
                        .as("%s mounts %s", name, source)
                        .exists();
            }
        }));
    }

    @Test
    void copiesForKustomizeAreTheSameAsTheirSources() throws IOException {
        Path root = Manifests.root();
        try (var dashboards = Files.list(root.resolve("deploy/grafana/dashboards"))) {
            for (Path dashboard : dashboards.toList()) {
                assertThat(root.resolve("deploy/k8s/base/dashboards").resolve(dashboard.getFileName()))
                        .hasSameTextualContentAs(dashboard);
            }
        }
        assertThat(root.resolve("deploy/k8s/base/otel-collector-config.yaml"))
                .hasSameTextualContentAs(root.resolve("deploy/otel-collector/config.yaml"));
        assertThat(root.resolve("deploy/k8s/overlays/prod/otel-collector-config.yaml"))
                .hasSameTextualContentAs(root.resolve("deploy/otel-collector/config-production.yaml"));
    }

    /** The service's own default database URL, with the host changed to compose's postgres. */
    private static String localDatabaseOf(String service) {
        Map<String, Object> config =
                Manifests.yaml(Manifests.root().resolve(service).resolve("src/main/resources/application.yml"));
        String url =
                String.valueOf(map(map(config.get("spring")).get("datasource")).get("url"));
        return url.replace("localhost", "postgres");
    }

    private static int partnersPort() {
        Map<String, Object> config =
                Manifests.yaml(Manifests.root().resolve("sandbox-partners/src/main/resources/application.yml"));
        return Integer.parseInt(String.valueOf(map(config.get("server")).get("port")));
    }
}
