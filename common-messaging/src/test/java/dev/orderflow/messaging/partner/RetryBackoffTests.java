package dev.orderflow.messaging.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryBackoffTests {

    private final RetryBackoff backoff = RetryBackoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void backoffDoublesFromTheInitialWaitUpToTheCapWithinTheJitter() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.after(1)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1250));
            assertThat(backoff.after(2)).isBetween(Duration.ofMillis(1500), Duration.ofMillis(2500));
            assertThat(backoff.after(5)).isBetween(Duration.ofMillis(12_000), Duration.ofMillis(20_000));
            assertThat(backoff.after(6)).isBetween(Duration.ofMillis(22_500), Duration.ofMillis(37_500));
            assertThat(backoff.after(1_000)).isBetween(Duration.ofMillis(22_500), Duration.ofMillis(37_500));
        }
    }

    @Test
    void callsThatFailedTogetherComeBackAtDifferentMoments() {
        Set<Duration> waits = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            waits.add(backoff.after(4));
        }
        assertThat(waits).hasSizeGreaterThan(10);
    }

    @Test
    void aBackoffNeedsAPositiveInitialWaitNoLongerThanTheCap() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RetryBackoff.exponential(Duration.ZERO, Duration.ofSeconds(1)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RetryBackoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
