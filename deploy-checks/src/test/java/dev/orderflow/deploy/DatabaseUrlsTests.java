package dev.orderflow.deploy;

import static dev.orderflow.deploy.Manifests.list;
import static dev.orderflow.deploy.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 18: PostgreSQL names the offending values in an error's detail ("Key (email)=(ana@example.com) already exists"),
 * and pgjdbc copies that detail into the exception's message, which reaches logs and dead letters. Every JDBC URL a
 * service is given turns it off with {@value #NO_DETAIL}: the services' defaults, compose, and both Kubernetes overlays
 * (the local platform's and the tests' come from test-support's SharedPostgres, checked there).
 */
class DatabaseUrlsTests {

    static final String NO_DETAIL = "logServerErrorDetail=false";

    @Test
    void everyServicesDefaultDatabaseUrlKeepsErrorDetailOutOfMessages() {
        for (String service : Manifests.SERVICE_NAMES) {
            List<String> urls = jdbcUrls(
                    Manifests.yaml(Manifests.root().resolve(service).resolve("src/main/resources/application.yml")));
            assertThat(urls).as("%s application.yml", service).isNotEmpty().allSatisfy(DatabaseUrlsTests::noDetail);
        }
    }

    @Test
    void composeGivesEveryServiceADatabaseUrlThatKeepsErrorDetailOutOfMessages() {
        Map<String, Object> compose = Manifests.yaml(Manifests.root().resolve("docker-compose.yml"));
        List<String> urls = jdbcUrls(compose);
        assertThat(urls).as("compose").hasSizeGreaterThanOrEqualTo(Manifests.SERVICE_NAMES.size());
        assertThat(urls).allSatisfy(DatabaseUrlsTests::noDetail);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDatabaseUrlOfTheOverlayKeepsErrorDetailOutOfMessages(String overlay) {
        List<String> urls = new ArrayList<>();
        Manifests.render(overlay).forEach(doc -> urls.addAll(jdbcUrls(doc)));
        assertThat(urls).as(overlay).hasSizeGreaterThanOrEqualTo(Manifests.SERVICE_NAMES.size());
        assertThat(urls).allSatisfy(DatabaseUrlsTests::noDetail);
    }

    private static void noDetail(String url) {
        int query = url.indexOf('?');
        List<String> parameters =
                query < 0 ? List.of() : Arrays.asList(url.substring(query + 1).split("&"));
        assertThat(parameters).as(url).contains(NO_DETAIL);
    }

    /** Every string value of a YAML tree that is a JDBC URL. */
    private static List<String> jdbcUrls(Object node) {
        List<String> urls = new ArrayList<>();
        if (node instanceof Map<?, ?>) {
            map(node).values().forEach(value -> urls.addAll(jdbcUrls(value)));
        } else if (node instanceof List<?>) {
            list(node).forEach(value -> urls.addAll(jdbcUrls(value)));
        } else if (node instanceof String text && text.startsWith("jdbc:")) {
            urls.add(text);
        }
        return urls;
    }
}
