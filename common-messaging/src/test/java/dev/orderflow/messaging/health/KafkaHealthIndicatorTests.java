package dev.orderflow.messaging.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.testsupport.SharedKafka;
import dev.orderflow.testsupport.TestPorts;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** Readiness reflects Kafka: up with a reachable broker, down (within the check's time limit) without one. */
class KafkaHealthIndicatorTests {

    @Test
    void reachableKafkaIsUpWithItsClusterAndBrokers() {
        KafkaHealthIndicator indicator = indicator(SharedKafka.bootstrapServers());
        try {
            Health health = indicator.health(true);

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsKey("clusterId").containsEntry("brokers", 1);
        } finally {
            indicator.destroy();
        }
    }

    @Test
    void unreachableKafkaIsDown() {
        KafkaHealthIndicator indicator = indicator("127.0.0.1:" + TestPorts.freePort());
        try {
            assertThat(indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
        } finally {
            indicator.destroy();
        }
    }

    private static KafkaHealthIndicator indicator(String bootstrapServers) {
        return new KafkaHealthIndicator(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), Duration.ofSeconds(2));
    }
}
