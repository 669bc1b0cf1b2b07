package dev.orderflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessingPropertiesTests {

    private final ProcessingProperties properties = new ProcessingProperties(
            Duration.ofSeconds(1),
            20,
            Duration.ofMinutes(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            5,
            Duration.ofMinutes(5));

    @Test
    void backoffDoublesFromTheInitialWaitUpToTheCap() {
        assertThat(properties.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(properties.backoff(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.backoff(1_000)).isEqualTo(Duration.ofSeconds(30));
    }
}
