package dev.orderflow.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FaultsTests {

    private static final FaultSettings HOLDING = new FaultSettings(0L, 0.0, true);

    @Test
    void releasesEveryHeldAnswerWhenHoldingIsSwitchedOff() throws Exception {
        Faults faults = new Faults("provider", Duration.ofMinutes(1));
        faults.change(HOLDING);
        List<CompletableFuture<Void>> held = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 3; i++) {
                held.add(CompletableFuture.runAsync(faults::holdAnswer, callers));
            }

            assertThat(CompletableFuture.anyOf(held.toArray(CompletableFuture[]::new)))
                    .failsWithin(Duration.ofMillis(200));
            faults.change(FaultSettings.NONE);

            CompletableFuture.allOf(held.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void answersAHeldCallAnywayAfterTheHoldLimit() {
        Faults faults = new Faults("carrier", Duration.ofMillis(100));
        faults.change(HOLDING);

        long started = System.nanoTime();
        faults.holdAnswer();

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isGreaterThanOrEqualTo(Duration.ofMillis(100))
                .isLessThan(Duration.ofSeconds(5));
        assertThat(faults.settings().holdAnswers())
                .as("still holding the next call")
                .isTrue();
    }

    @Test
    void holdsNothingWhileHoldingIsOffAndKeepsHoldingWhenOtherSettingsChange() {
        Faults faults = new Faults("provider", Duration.ofSeconds(30));
        faults.holdAnswer();

        faults.change(HOLDING);
        faults.change(new FaultSettings(5L, 0.0, true));
        CompletableFuture<Void> held = CompletableFuture.runAsync(faults::holdAnswer);

        assertThat(held).failsWithin(Duration.ofMillis(200));
        faults.change(new FaultSettings(0L, 0.0, null));
        assertThat(held).succeedsWithin(Duration.ofSeconds(5));
    }
}
