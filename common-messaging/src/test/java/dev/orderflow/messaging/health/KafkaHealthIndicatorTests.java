package dev.orderflow.messaging.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.testsupport.SharedKafka;
import dev.orderflow.testsupport.TestPorts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Kafka's state, for {@code /actuator/health} and {@code orderflow_kafka_reachable} (never readiness): up with a reachable
 * broker, down (within the check's time limit) without one.
 */
class KafkaHealthIndicatorTests {

    @Test
    void reachableKafkaIsUpWithItsClusterAndBrokers() {
        KafkaHealthIndicator indicator = indicator(SharedKafka.bootstrapServers());
        MeterRegistry meters = new SimpleMeterRegistry();
        indicator.bindTo(meters);
        try {
            assertThat(reachable(meters)).as("before the first check").isNaN();

            Health health = indicator.health(true);

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsKey("clusterId").containsEntry("brokers", 1);
            assertThat(reachable(meters)).isEqualTo(1);
        } finally {
            indicator.destroy();
        }
    }

    @Test
    void unreachableKafkaIsDown() {
        KafkaHealthIndicator indicator = indicator("127.0.0.1:" + TestPorts.freePort());
        MeterRegistry meters = new SimpleMeterRegistry();
        indicator.bindTo(meters);
        try {
            assertThat(indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
            assertThat(reachable(meters)).isZero();
        } finally {
            indicator.destroy();
        }
    }

    private static double reachable(MeterRegistry meters) {
        return meters.get(KafkaHealthIndicator.REACHABLE_METRIC).gauge().value();
    }

    private static KafkaHealthIndicator indicator(String bootstrapServers) {
        return new KafkaHealthIndicator(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), Duration.ofSeconds(2));
    }
}
