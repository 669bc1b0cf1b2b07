package dev.orderflow.sandbox.faults;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How a sandbox partner misbehaves: {@code latencyMs} is added before every answer, and {@code errorRate} (0 to 1) is
 * the fraction of calls refused with 503 before anything is done.
 */
public record FaultSettings(
        @NotNull @Min(0) @Max(60_000) Long latencyMs,
        @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double errorRate) {

    public static final FaultSettings NONE = new FaultSettings(0L, 0.0);
}
