package dev.orderflow.deploy;

import static dev.orderflow.deploy.Manifests.at;
import static dev.orderflow.deploy.Manifests.list;
import static dev.orderflow.deploy.Manifests.map;
import static dev.orderflow.deploy.Manifests.name;
import static dev.orderflow.deploy.Manifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Strimzi topics and users match the code: every saga topic and every consumer group's dead-letter topic exists
 * (replicated 3 times, 2 in sync), and each service may write exactly what it produces and read exactly what it
 * consumes, with its own groups — least privilege.
 */
class KafkaTopologyTests {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void topicsAreTheSagaTopicsAndTheGroupsDeadLetterTopicsReplicatedThreeTimes(String overlay) {
        List<Map<String, Object>> topics = ofKind(Manifests.render(overlay), "KafkaTopic");
        Set<String> expected = new TreeSet<>(Saga.sagaTopics());
        Saga.consumers().values().forEach(c -> expected.addAll(c.deadLetterTopics()));

        assertThat(topics.stream().map(t -> String.valueOf(at(t, "spec").get("topicName"))))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(topics).allSatisfy(t -> {
            assertThat(at(t, "spec").get("replicas")).as(name(t)).isEqualTo(3);
            assertThat(at(t, "spec.config").get("min.insync.replicas"))
                    .as(name(t))
                    .isEqualTo(2);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceMayWriteWhatItProducesAndReadWhatItConsumesNothingElse(String overlay) {
        List<Map<String, Object>> users = ofKind(Manifests.render(overlay), "KafkaUser");
        assertThat(users.stream().map(Manifests::name)).containsExactlyInAnyOrderElementsOf(Manifests.SERVICE_NAMES);
        for (Map<String, Object> user : users) {
            String service = name(user);
            Saga.Consumer consumer = Saga.consumers().get(service);
            Set<String> expected = new TreeSet<>();
            Saga.producedTopic(service).ifPresent(t -> expected.add("topic " + t + " Describe,Write"));
            consumer.topics().forEach(t -> expected.add("topic " + t + " Describe,Read"));
            consumer.deadLetterTopics().forEach(t -> expected.add("topic " + t + " Describe,Read,Write"));
            expected.add("group " + consumer.groupId() + " Describe,Read");
            expected.add("group " + consumer.groupId() + ".dead-letters Describe,Read");

            Set<String> actual = new TreeSet<>();
            for (Object acl : list(at(user, "spec.authorization").get("acls"))) {
                Map<String, Object> resource = map(map(acl).get("resource"));
                assertThat(resource.get("patternType"))
                        .as("%s uses literal resources only", service)
                        .isEqualTo("literal");
                List<String> operations = new java.util.ArrayList<>(list(map(acl).get("operations")).stream()
                        .map(String::valueOf)
                        .toList());
                operations.sort(null);
                actual.add(resource.get("type") + " " + resource.get("name") + " " + String.join(",", operations));
            }
            assertThat(actual).as("ACLs of %s", service).isEqualTo(expected);
            assertThat(at(user, "spec.authentication").get("type")).isEqualTo("scram-sha-512");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void consumersNeverScaleBeyondThePartitionsTheyRead(String overlay) {
        List<Map<String, Object>> docs = Manifests.render(overlay);
        Map<String, Integer> partitions = new java.util.HashMap<>();
        ofKind(docs, "KafkaTopic")
                .forEach(t -> partitions.put(String.valueOf(at(t, "spec").get("topicName")), (Integer)
                        at(t, "spec").get("partitions")));
        List<Map<String, Object>> scaled = ofKind(docs, "ScaledObject");
        assertThat(scaled).hasSize(4);
        for (Map<String, Object> object : scaled) {
            int max = (Integer) at(object, "spec").get("maxReplicaCount");
            for (Object trigger : list(at(object, "spec").get("triggers"))) {
                String topic = String.valueOf(map(map(trigger).get("metadata")).get("topic"));
                assertThat(partitions).as("topic %s of %s", topic, name(object)).containsKey(topic);
                assertThat(max)
                        .as("%s max replicas vs %s partitions", name(object), topic)
                        .isLessThanOrEqualTo(partitions.get(topic));
            }
        }
    }
}
