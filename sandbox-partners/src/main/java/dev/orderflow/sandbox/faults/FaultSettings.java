package dev.orderflow.sandbox.faults;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/**
 * How a sandbox partner misbehaves: {@code latencyMs} is added before every call is decided, {@code errorRate} (0 to 1)
 * is the fraction of calls refused with 503 before anything is done, and while {@code holdAnswers} is true every call
 * is decided but its answer waits until it is switched off again (at most {@link Faults#HOLD_LIMIT}), so a test can put
 * a call "in flight". {@code holdAnswers} may be left out: absent means false.
 */
public record FaultSettings(
        @NotNull @Min(0) @Max(60_000) Long latencyMs,
        @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double errorRate,
        @Nullable Boolean holdAnswers) {

    public static final FaultSettings NONE = new FaultSettings(0L, 0.0, false);

    public FaultSettings {
        holdAnswers = Boolean.TRUE.equals(holdAnswers);
    }

    boolean holding() {
        return Boolean.TRUE.equals(holdAnswers);
    }
}
