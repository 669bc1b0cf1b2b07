package dev.orderflow.bench.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScheduleTests {

    @Test
    void steadyScheduleSpacesOrdersEvenlyAtTheRate() {
        long[] due = Schedule.steady(50, Duration.ofSeconds(2)).dueNanos();

        assertThat(due).hasSize(100);
        assertThat(due[0]).isZero();
        assertThat(due[1]).isEqualTo(20_000_000L);
        assertThat(due[99]).isLessThan(2_000_000_000L);
    }

    @Test
    void spikeDoublesTheRateInTheMiddle() {
        Schedule schedule = Schedule.spike(10, Duration.ofSeconds(30), Duration.ofSeconds(10));

        assertThat(schedule.dueNanos()).hasSize(100 + 200 + 100);
        assertThat(schedule.phaseAt(Duration.ofSeconds(15).toNanos()).rate()).isEqualTo(20);
        assertThat(schedule.phaseAt(Duration.ofSeconds(25).toNanos()).rate()).isEqualTo(10);
        assertThat(schedule.length()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void stepsRaiseTheRateStepByStep() {
        Schedule schedule = Schedule.steps(50, 25, 3, Duration.ofSeconds(10));

        assertThat(schedule.phases()).extracting(Schedule.Phase::rate).containsExactly(50.0, 75.0, 100.0);
        assertThat(schedule.dueNanos()).hasSize(500 + 750 + 1000);
    }

    @Test
    void theMixIsMostlyOrdersThatCompleteWithFivePercentOfEachFailure() {
        long[] kinds = new long[PlacedOrder.Kind.values().length];
        for (int i = 0; i < 1000; i++) {
            kinds[PlacedOrder.Kind.of(i).ordinal()]++;
        }
        assertThat(kinds).containsExactly(850, 50, 50, 50);
    }
}
