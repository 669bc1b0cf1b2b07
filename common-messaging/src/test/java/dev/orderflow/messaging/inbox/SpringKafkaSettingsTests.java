package dev.orderflow.messaging.inbox;

import static dev.orderflow.messaging.support.MessagingTestApplication.GROUP;
import static dev.orderflow.messaging.support.MessagingTestApplication.OTHER_GROUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.support.MessagingIntegrationTest;
import dev.orderflow.messaging.support.MessagingTestKit;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.test.context.TestPropertySource;

/**
 * Orderflow's consumers are built by Spring Boot's listener container factory: {@code spring.kafka.listener.*} and
 * {@code spring.kafka.consumer.*} reach them, except the few settings Orderflow's guarantees rest on (ADR 0009).
 */
@MessagingIntegrationTest
@TestPropertySource(
        properties = {
            "spring.kafka.listener.concurrency=2",
            "spring.kafka.consumer.max-poll-records=7",
            // What the inbox and the per-key order rest on; Orderflow's consumers keep their own.
            "spring.kafka.consumer.enable-auto-commit=true",
            "spring.kafka.consumer.auto-offset-reset=latest",
            "spring.kafka.listener.ack-mode=record",
            "spring.kafka.consumer.properties.interceptor.classes="
                    + "dev.orderflow.messaging.inbox.SpringKafkaSettingsTests$ConfigRecorder"
        })
class SpringKafkaSettingsTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final MessagingTestKit kit;
    private final MessagingProperties properties;
    private final EventConsumers consumers;

    SpringKafkaSettingsTests(MessagingTestKit kit, MessagingProperties properties, EventConsumers consumers) {
        this.kit = kit;
        this.properties = properties;
        this.consumers = consumers;
    }

    @Test
    void springKafkaListenerConcurrencyRunsThatManyConsumersInEachGroup() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kit.bootstrapServers()))) {
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(members(admin, GROUP)).isEqualTo(2);
                assertThat(members(admin, OTHER_GROUP)).isEqualTo(2);
                // The dead-letter recorders copy rare records into the database: one consumer each, always.
                assertThat(members(admin, GROUP + ".dead-letters")).isEqualTo(1);
            });
        }
    }

    @Test
    void springKafkaConsumerSettingsReachTheConsumersAndOrderflowTuningFillsTheRest() {
        Map<String, Object> config = ConfigRecorder.awaitConfigOf(groupId(GROUP));

        assertThat(config.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)).hasToString("7");
        // Not set by the application: Orderflow's default (ADR 0004), not the Kafka client's 500 ms.
        assertThat(config.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)).hasToString("500");
    }

    @Test
    void orderflowsGuaranteesOutrankTheApplicationsKafkaSettings() {
        Map<String, Object> config = ConfigRecorder.awaitConfigOf(groupId(GROUP));

        assertThat(config.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)).hasToString("false");
        assertThat(config.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)).hasToString("earliest");
        assertThat(String.valueOf(config.get(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG)))
                .contains(CooperativeStickyAssignor.class.getName());
        assertThat(String.valueOf(config.get(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG)))
                .contains(ByteArrayDeserializer.class.getName());
        assertThat(consumers.containers())
                .isNotEmpty()
                .allSatisfy(
                        c -> assertThat(c.getContainerProperties().getAckMode()).isEqualTo(AckMode.BATCH));
    }

    private String groupId(String group) {
        return properties.topicPrefix() + group;
    }

    private int members(Admin admin, String group) throws Exception {
        String groupId = groupId(group);
        return admin.describeConsumerGroups(List.of(groupId))
                .all()
                .get(10, TimeUnit.SECONDS)
                .get(groupId)
                .members()
                .size();
    }

    /** A Kafka consumer interceptor: Kafka hands it the configuration each consumer was created with. */
    public static final class ConfigRecorder implements ConsumerInterceptor<Object, Object> {

        private static final Map<String, Map<String, Object>> BY_GROUP = new ConcurrentHashMap<>();

        static Map<String, Object> awaitConfigOf(String groupId) {
            await().atMost(WAIT).until(() -> BY_GROUP.containsKey(groupId));
            return BY_GROUP.get(groupId);
        }

        @Override
        public void configure(Map<String, ?> configs) {
            BY_GROUP.put(String.valueOf(configs.get(ConsumerConfig.GROUP_ID_CONFIG)), new HashMap<>(configs));
        }

        @Override
        public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
            return records;
        }

        @Override
        public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

        @Override
        public void close() {}
    }
}
