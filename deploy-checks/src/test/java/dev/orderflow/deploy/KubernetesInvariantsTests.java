package dev.orderflow.deploy;

import static dev.orderflow.deploy.Manifests.at;
import static dev.orderflow.deploy.Manifests.list;
import static dev.orderflow.deploy.Manifests.map;
import static dev.orderflow.deploy.Manifests.name;
import static dev.orderflow.deploy.Manifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every rendered overlay must satisfy, checked against the services' real configuration: probes on paths and
 * ports the services serve, resources and restricted pod security on every workload, a PDB and a NetworkPolicy for
 * each, environment variables that name real Spring properties, no inlined secrets, no {@code latest} images.
 */
class KubernetesInvariantsTests {

    private static final SpringProperties PROPERTIES = new SpringProperties();
    private static final String SECRETS_DIR = "/run/secrets/orderflow";

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void probesAndScrapesUseTheActuatorOnEachServicesManagementPort(String overlay) {
        List<Map<String, Object>> docs = Manifests.render(overlay);
        assertThat(Manifests.root()
                        .resolve("common-messaging/src/main/resources/orderflow-messaging-defaults.properties"))
                .as("the services' health groups")
                .content()
                .contains("management.endpoint.health.probes.enabled=true")
                .contains("management.endpoint.health.group.readiness.include=readinessState,db\n");
        for (Manifests.Service service : Manifests.services()) {
            Map<String, Object> container = container(deployment(docs, service.name()));
            assertThat(list(container.get("ports")))
                    .as(service.name())
                    .containsExactly(
                            Map.of("name", "http", "containerPort", service.port(), "protocol", "TCP"),
                            Map.of("name", "management", "containerPort", service.managementPort(), "protocol", "TCP"));
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(at(container, probe + ".httpGet"))
                        .as("%s %s", service.name(), probe)
                        .containsEntry("port", "management")
                        .containsEntry(
                                "path",
                                probe.equals("readinessProbe")
                                        ? "/actuator/health/readiness"
                                        : "/actuator/health/liveness");
            }
            Map<String, Object> svc = ofKind(docs, "Service").stream()
                    .filter(s -> name(s).equals(service.name()))
                    .findFirst()
                    .orElseThrow();
            assertThat(map(list(at(svc, "spec").get("ports")).getFirst()).get("port"))
                    .isEqualTo(service.port());
            Map<String, Object> monitor = ofKind(docs, "ServiceMonitor").stream()
                    .filter(s -> name(s).equals(service.name()))
                    .findFirst()
                    .orElseThrow();
            assertThat(map(list(at(monitor, "spec").get("endpoints")).getFirst()))
                    .containsEntry("port", "management")
                    .containsEntry("path", "/actuator/prometheus");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyWorkloadHasResourcesRestrictedSecurityAPdbAndANetworkPolicy(String overlay) {
        List<Map<String, Object>> docs = Manifests.render(overlay);
        assertThat(ofKind(docs, "NetworkPolicy")).as("default deny").anySatisfy(np -> {
            assertThat(map(at(np, "spec").get("podSelector"))).isEmpty();
            assertThat(list(at(np, "spec").get("policyTypes"))).containsExactly("Ingress", "Egress");
        });
        for (Map<String, Object> deployment : ofKind(docs, "Deployment")) {
            String name = name(deployment);
            Map<String, Object> labels = at(deployment, "spec.template.metadata.labels");
            Map<String, Object> pod = at(deployment, "spec.template.spec");
            assertThat(map(pod.get("securityContext")))
                    .as("%s pod security", name)
                    .containsEntry("runAsNonRoot", true)
                    .containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
            for (Object c : list(pod.get("containers"))) {
                Map<String, Object> container = map(c);
                Map<String, Object> resources = map(container.get("resources"));
                assertThat(map(resources.get("requests")))
                        .as("%s requests", name)
                        .containsKeys("cpu", "memory");
                assertThat(map(resources.get("limits"))).as("%s limits", name).containsKeys("cpu", "memory");
                assertThat(map(container.get("securityContext")))
                        .as("%s container security", name)
                        .containsEntry("allowPrivilegeEscalation", false)
                        .containsEntry("readOnlyRootFilesystem", true)
                        .containsEntry("capabilities", Map.of("drop", List.of("ALL")));
                assertThat(list(container.get("volumeMounts")))
                        .as("%s writable /tmp", name)
                        .anySatisfy(m -> assertThat(map(m)).containsEntry("mountPath", "/tmp"));
                String image = String.valueOf(container.get("image"));
                assertThat(image).as("%s image", name).matches(".+:[0-9][^:]*").doesNotEndWith(":latest");
            }
            assertThat(ofKind(docs, "PodDisruptionBudget"))
                    .as("PDB for %s", name)
                    .anySatisfy(pdb -> assertThat(labels).containsAllEntriesOf(at(pdb, "spec.selector.matchLabels")));
            assertThat(ofKind(docs, "NetworkPolicy"))
                    .as("NetworkPolicy for %s", name)
                    .anySatisfy(np -> {
                        Map<String, Object> selector = at(np, "spec.podSelector.matchLabels");
                        assertThat(selector).isNotEmpty();
                        assertThat(labels).containsAllEntriesOf(selector);
                    });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void networkPoliciesAdmitEachServicesRealTraffic(String overlay) {
        List<Map<String, Object>> docs = Manifests.render(overlay);
        for (Manifests.Service service : Manifests.services()) {
            Map<String, Object> policy = ofKind(docs, "NetworkPolicy").stream()
                    .filter(np -> name(np).equals(service.name()))
                    .findFirst()
                    .orElseThrow();
            List<Object> egress = list(at(policy, "spec").get("egress"));
            assertThat(egress.toString())
                    .as("%s reaches Kafka over TLS", service.name())
                    .contains("strimzi.io/cluster", "port=9093");
            assertThat(egress.toString())
                    .as("%s reaches its database", service.name())
                    .contains("cnpg.io/cluster", "port=5432");
            assertThat(egress.toString())
                    .as("%s resolves names", service.name())
                    .contains("kube-dns", "port=53");
            assertThat(list(at(policy, "spec").get("ingress")).toString())
                    .as("%s is scraped by Prometheus on its management port", service.name())
                    .contains("monitoring", "port=" + service.managementPort());
            assertThat(egress.toString())
                    .as("%s reaches the identity provider's keys over HTTPS", service.name())
                    .contains("port=443");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void environmentVariablesNameRealPropertiesAndSecretsAreReferencedNeverInlined(String overlay) {
        List<Map<String, Object>> docs = Manifests.render(overlay);
        assertThat(ofKind(docs, "Secret"))
                .as("Secrets come from the operators or the cluster, never the repo")
                .isEmpty();
        List<String> unknown = new ArrayList<>();
        for (Manifests.Service service : Manifests.services()) {
            Map<String, Object> container = container(deployment(docs, service.name()));
            for (Object e : list(container.get("env"))) {
                Map<String, Object> env = map(e);
                String variable = String.valueOf(env.get("name"));
                if (!PROPERTIES.isKnown(variable)) {
                    unknown.add(service.name() + ": " + variable);
                }
                if (variable.matches(".*(PASSWORD|SECRET|JAAS|TOKEN).*")) {
                    assertThat(map(env.get("valueFrom")))
                            .as("%s %s from a Secret", service.name(), variable)
                            .containsKey("secretKeyRef");
                }
            }
            assertThat(list(container.get("volumeMounts")))
                    .as("%s reads its secrets as files", service.name())
                    .contains(Map.of("name", "secrets", "mountPath", SECRETS_DIR, "readOnly", true));
            Map<String, Object> secrets =
                    list(at(deployment(docs, service.name()), "spec.template.spec")
                                    .get("volumes"))
                            .stream()
                            .map(Manifests::map)
                            .filter(v -> "secrets".equals(v.get("name")))
                            .findFirst()
                            .orElseThrow();
            for (Object source : list(at(secrets, "projected").get("sources"))) {
                Map<String, Object> secret = map(map(source).get("secret"));
                assertThat(secret)
                        .as("%s: only Secrets in the secrets volume", service.name())
                        .isNotEmpty();
                for (Object item : list(secret.get("items"))) {
                    String property = String.valueOf(map(item).get("path"));
                    if (!PROPERTIES.isKnown(property)) {
                        unknown.add(service.name() + " secret file: " + property);
                    }
                }
            }
            assertThat(Manifests.yaml(Manifests.root()
                                    .resolve(service.name())
                                    .resolve("src/main/resources/application.yml"))
                            .toString())
                    .as("%s imports its secrets folder as a config tree", service.name())
                    .contains("configtree:${orderflow.secrets-dir:" + SECRETS_DIR + "/}");
            Map<String, Object> configMap = ofKind(docs, "ConfigMap").stream()
                    .filter(c -> name(c).equals(service.name()))
                    .findFirst()
                    .orElseThrow();
            for (String variable : map(configMap.get("data")).keySet()) {
                if (!PROPERTIES.isKnown(variable)) {
                    unknown.add(service.name() + " ConfigMap: " + variable);
                }
                assertThat(variable).as("no credentials in ConfigMaps").doesNotContain("PASSWORD", "SECRET");
            }
        }
        Map<String, Object> identity = ofKind(docs, "ConfigMap").stream()
                .filter(c -> name(c).equals("orderflow-identity"))
                .findFirst()
                .orElseThrow();
        assertThat(map(identity.get("data"))).containsKey("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI");
        for (String variable : map(identity.get("data")).keySet()) {
            if (!PROPERTIES.isKnown(variable)) {
                unknown.add("orderflow-identity ConfigMap: " + variable);
            }
        }
        assertThat(unknown)
                .as("variables that name no Spring property and nothing else reads")
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void orderServiceScalesOnCpuAndTheConsumersOnLag(String overlay) {
        List<Map<String, Object>> docs = Manifests.render(overlay);
        assertThat(ofKind(docs, "HorizontalPodAutoscaler"))
                .singleElement()
                .satisfies(hpa ->
                        assertThat(at(hpa, "spec.scaleTargetRef").get("name")).isEqualTo("order-service"));
        assertThat(ofKind(docs, "ScaledObject").stream()
                        .map(s -> at(s, "spec.scaleTargetRef").get("name")))
                .containsExactlyInAnyOrder(
                        "inventory-service", "payment-service", "shipping-service", "notification-service");
        Set<String> triggerTypes = Set.copyOf(ofKind(docs, "ScaledObject").stream()
                .flatMap(s -> list(at(s, "spec").get("triggers")).stream())
                .map(t -> String.valueOf(map(t).get("type")))
                .toList());
        assertThat(triggerTypes).containsExactly("kafka");
    }

    static Map<String, Object> deployment(List<Map<String, Object>> docs, String service) {
        return ofKind(docs, "Deployment").stream()
                .filter(d -> name(d).equals(service))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + service));
    }

    static Map<String, Object> container(Map<String, Object> deployment) {
        return map(list(at(deployment, "spec.template.spec").get("containers")).getFirst());
    }
}
