package dev.orderflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every overlay renders with {@code kubectl kustomize}, and every rendered object parses into a typed model of its
 * kind (fabric8 for Kubernetes, Strimzi's API, and typed records for CloudNativePG, KEDA and the Prometheus Operator)
 * without a single unknown field.
 */
class TypedModelTests {

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("Deployment", Deployment.class),
            Map.entry("Service", Service.class),
            Map.entry("ConfigMap", ConfigMap.class),
            Map.entry("ServiceAccount", ServiceAccount.class),
            Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("NetworkPolicy", NetworkPolicy.class),
            Map.entry("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("Kafka", Kafka.class),
            Map.entry("KafkaNodePool", KafkaNodePool.class),
            Map.entry("KafkaTopic", KafkaTopic.class),
            Map.entry("KafkaUser", KafkaUser.class),
            Map.entry("Cluster", CustomResources.Cluster.class),
            Map.entry("ScaledObject", CustomResources.ScaledObject.class),
            Map.entry("TriggerAuthentication", CustomResources.TriggerAuthentication.class),
            Map.entry("ServiceMonitor", CustomResources.ServiceMonitor.class));

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyRenderedObjectParsesIntoItsTypedModelWithoutUnknownFields(String overlay) {
        List<Map<String, Object>> docs = Manifests.render(overlay);
        assertThat(docs).hasSizeGreaterThan(50);
        assertThat(problems(docs))
                .as("objects of overlay %s that do not fit their model", overlay)
                .isEmpty();
    }

    @Test
    void aMisspelledFieldIsReportedInBuiltInAndCustomResources() {
        List<Map<String, Object>> docs = Manifests.documents("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: typo}}
                  template:
                    metadata: {labels: {app: typo}}
                    spec:
                      containers: [{name: typo, image: "x:1", imagePullPolicyy: Always}]
                ---
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: typo}
                spec: {scaleTargetRef: {name: typo}, maxReplicas: 3}
                ---
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: typo}
                spec: {partitions: 6, replica: 3}
                """);

        assertThat(problems(docs))
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("Deployment/typo", "imagePullPolicyy"))
                .anySatisfy(p -> assertThat(p).contains("ScaledObject/typo", "maxReplicas"))
                .anySatisfy(p -> assertThat(p).contains("KafkaTopic/typo", "replica"));
    }

    private List<String> problems(List<Map<String, Object>> docs) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> doc : docs) {
            String kind = String.valueOf(doc.get("kind"));
            String where = kind + "/" + Manifests.name(doc);
            Class<?> model = MODELS.get(kind);
            if (model == null) {
                problems.add(where + ": no typed model for this kind");
                continue;
            }
            try {
                Object parsed = Manifests.typed(doc, model);
                unknownFields(parsed, where, problems, new IdentityHashMap<>(), 0);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /** fabric8 and Strimzi keep fields they do not know in {@code additionalProperties}: there must be none. */
    private static void unknownFields(
            Object value, String where, List<String> problems, Map<Object, Boolean> seen, int depth) {
        if (value == null || depth > 40 || seen.containsKey(value) || isLeaf(value)) {
            return;
        }
        seen.put(value, true);
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> unknownFields(v, where, problems, seen, depth + 1));
            return;
        }
        if (value instanceof Collection<?> items) {
            items.forEach(v -> unknownFields(v, where, problems, seen, depth + 1));
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            try {
                Object child = getter.invoke(value);
                if (getter.getName().equals("getAdditionalProperties")
                        && child instanceof Map<?, ?> extra
                        && !extra.isEmpty()) {
                    problems.add(where + ": unknown fields " + extra.keySet() + " in "
                            + value.getClass().getSimpleName());
                } else if (!getter.getName().equals("getAdditionalProperties")) {
                    unknownFields(child, where, problems, seen, depth + 1);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // A computed getter that does not apply to this object: nothing to check there.
            }
        }
    }

    private static boolean isLeaf(Object value) {
        Package pkg = value.getClass().getPackage();
        String name = pkg == null ? "" : pkg.getName();
        return !(value instanceof Map<?, ?> || value instanceof Collection<?>)
                        && !(name.startsWith("io.fabric8")
                                || name.startsWith("io.strimzi")
                                || name.startsWith("dev.orderflow"))
                || value.getClass().isEnum()
                || Set.of(String.class, Integer.class, Long.class, Boolean.class)
                        .contains(value.getClass());
    }
}
