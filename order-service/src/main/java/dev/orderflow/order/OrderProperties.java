package dev.orderflow.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the order service ({@code orderflow.orders.*}), with production defaults.
 *
 * @param deadline how long an order may stay in flight before it is cancelled as TIMED_OUT
 * @param deadlineScan how often and in what batches overdue orders are looked for
 * @param idempotencyRetention how long an {@code Idempotency-Key} and its response are kept
 * @param idempotencyWait how long a request waits for a concurrent request with the same key before it gets 409
 * @param idempotencyCleanup how often and in what batches expired keys are deleted
 * @param intake how many orders are placed at once, and how long a request waits for its turn before 429
 * @param inFlightMetricsInterval how often the in-flight orders are counted for the stuck-order metrics
 */
@Validated
@ConfigurationProperties("orderflow.orders")
public record OrderProperties(
        @DefaultValue("5m") @NotNull Duration deadline,
        @DefaultValue @Valid Job deadlineScan,
        @DefaultValue("24h") @NotNull Duration idempotencyRetention,
        @DefaultValue("2s") @NotNull Duration idempotencyWait,
        @DefaultValue @Valid Job idempotencyCleanup,
        @DefaultValue @Valid Intake intake,
        @DefaultValue("10s") @NotNull Duration inFlightMetricsInterval) {

    /** Load shedding: beyond {@code maxConcurrent} placements in flight, a request waits at most {@code maxWait}. */
    public record Intake(
            @DefaultValue("10") @Min(1) int maxConcurrent,
            @DefaultValue("500ms") @NotNull Duration maxWait) {}

    /** A background job: every {@code interval}, up to {@code maxBatches} transactions of {@code batchSize} rows. */
    public record Job(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10s") @NotNull Duration interval,
            @DefaultValue("100") @Min(1) @Max(10_000) int batchSize,
            @DefaultValue("10") @Min(1) int maxBatches) {}
}
