package dev.orderflow.messaging.autoconfigure;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

class RemovedPropertiesTests {

    @Test
    void aRemovedConsumerSettingStopsStartupAndNamesSpringBootsReplacement() {
        MockEnvironment environment =
                new MockEnvironment().withProperty("orderflow.messaging.consumer.max-poll-records", "50");

        assertThatThrownBy(() -> RemovedProperties.failIfSet(environment))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("orderflow.messaging.consumer.max-poll-records")
                .hasMessageContaining("spring.kafka.consumer.max-poll-records");
    }

    @Test
    void aRemovedSettingIsFoundAsAnEnvironmentVariableToo() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        "env", Map.of("ORDERFLOW_MESSAGING_CONSUMER_CONCURRENCY", "3")));

        assertThatThrownBy(() -> RemovedProperties.failIfSet(environment))
                .hasMessageContaining("spring.kafka.listener.concurrency");
    }

    @Test
    void theConsumerSettingsOrderflowStillReadsAreFine() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("orderflow.messaging.consumer.transient-backoff-max", "5s")
                .withProperty("spring.kafka.listener.concurrency", "3");

        assertThatCode(() -> RemovedProperties.failIfSet(environment)).doesNotThrowAnyException();
    }
}
