package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules are valid, and promtool's unit tests prove every alert both fires on the condition it describes and
 * stays quiet without it.
 */
class AlertRulesTests {

    private static final Path RULES = Path.of("deploy/prometheus/rules/orderflow-alerts.yml");
    private static final Path TESTS = Path.of("deploy/prometheus/tests/orderflow-alerts-test.yml");

    @BeforeAll
    static void prometheusTools() {
        PrometheusTools.requireInstalled();
    }

    @Test
    void alertRulesAreValid() {
        PrometheusTools.Result check = PrometheusTools.run(List.of("promtool", "check", "rules", RULES.toString()), 60);

        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    @Test
    void everyAlertFiresOnItsConditionAndStaysQuietWithoutIt() throws IOException {
        PrometheusTools.Result test = PrometheusTools.run(List.of("promtool", "test", "rules", TESTS.toString()), 120);
        assertThat(test.exitCode()).as(test.output()).isZero();

        Set<String> alerts = alertNames();
        Set<String> fired = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (Map<String, Object> unit : list(yaml(TESTS).get("tests"))) {
            for (Map<String, Object> check : list(unit.get("alert_rule_test"))) {
                String name = (String) check.get("alertname");
                List<?> expected = (List<?>) check.get("exp_alerts");
                (expected == null || expected.isEmpty() ? quiet : fired).add(name);
            }
        }
        assertThat(alerts).as("alerts in %s", RULES).hasSizeGreaterThanOrEqualTo(7);
        assertThat(fired).as("alerts tested firing").containsAll(alerts);
        assertThat(quiet).as("alerts tested staying quiet").containsAll(alerts);
    }

    static Set<String> alertNames() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> group : list(yaml(RULES).get("groups"))) {
            for (Map<String, Object> rule : list(group.get("rules"))) {
                names.add((String) rule.get("alert"));
            }
        }
        return names;
    }

    static List<String> alertExpressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> group : list(yaml(RULES).get("groups"))) {
            for (Map<String, Object> rule : list(group.get("rules"))) {
                expressions.add(((String) rule.get("expr")).strip());
            }
        }
        return expressions;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(PrometheusTools.projectRoot().resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }
}
