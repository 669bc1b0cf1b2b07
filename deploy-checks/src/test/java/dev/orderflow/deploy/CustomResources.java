package dev.orderflow.deploy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;

/**
 * Typed models of the custom resources without a Java model on Maven Central (CloudNativePG, KEDA, Prometheus
 * Operator), covering the fields Orderflow uses: parsed with unknown fields refused, so a typo fails the check.
 */
final class CustomResources {

    private CustomResources() {}

    record Cluster(String apiVersion, String kind, ObjectMeta metadata, ClusterSpec spec) {}

    record ClusterSpec(
            int instances,
            String imageName,
            Bootstrap bootstrap,
            Storage storage,
            ResourceRequirements resources,
            Monitoring monitoring) {}

    record Bootstrap(InitDb initdb) {}

    record InitDb(String database, String owner) {}

    record Storage(String size) {}

    record Monitoring(boolean enablePodMonitor) {}

    record ScaledObject(String apiVersion, String kind, ObjectMeta metadata, ScaledObjectSpec spec) {}

    record ScaledObjectSpec(
            Target scaleTargetRef,
            int minReplicaCount,
            int maxReplicaCount,
            int pollingInterval,
            int cooldownPeriod,
            List<Trigger> triggers) {}

    record Target(String name) {}

    record Trigger(String type, Map<String, String> metadata, Target authenticationRef) {}

    record TriggerAuthentication(String apiVersion, String kind, ObjectMeta metadata, TriggerAuthenticationSpec spec) {}

    record TriggerAuthenticationSpec(List<TargetRef> configMapTargetRef, List<TargetRef> secretTargetRef) {}

    record TargetRef(String parameter, String name, String key) {}

    record ServiceMonitor(String apiVersion, String kind, ObjectMeta metadata, ServiceMonitorSpec spec) {}

    record ServiceMonitorSpec(LabelSelector selector, List<Endpoint> endpoints) {}

    record Endpoint(String port, String path, String interval) {}
}
