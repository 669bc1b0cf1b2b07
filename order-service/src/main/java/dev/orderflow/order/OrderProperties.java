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
 * @param deadlineScan how often and in what batches overdue orders are looked for; by default it times out up to 2,000
 *     orders a second, twice what five times issue 15's target rate of 200 orders/s could need
 * @param idempotencyRetention how long an {@code Idempotency-Key} and its response are kept
 * @param idempotencyWait how long a request waits for a concurrent request with the same key before it gets 409
 * @param idempotencyCleanup how often and in what batches expired keys are deleted; by default up to 5,000 keys a
 *     second, five times the keys of five times issue 15's target rate, so a backlog clears too
 * @param intake how many orders are placed at once, and how long a request waits for its turn before 429
 * @param inFlightMetricsInterval how often the in-flight orders are counted for the stuck-order metrics
 */
@Validated
@ConfigurationProperties("orderflow.orders")
public record OrderProperties(
        @DefaultValue("5m") @NotNull Duration deadline,
        @DefaultValue @Valid DeadlineScan deadlineScan,
        @DefaultValue("24h") @NotNull Duration idempotencyRetention,
        @DefaultValue("2s") @NotNull Duration idempotencyWait,
        @DefaultValue @Valid IdempotencyCleanup idempotencyCleanup,
        @DefaultValue @Valid Intake intake,
        @DefaultValue("10s") @NotNull Duration inFlightMetricsInterval) {

    /** Load shedding: beyond {@code maxConcurrent} placements in flight, a request waits at most {@code maxWait}. */
    public record Intake(
            @DefaultValue("10") @Min(1) int maxConcurrent,
            @DefaultValue("500ms") @NotNull Duration maxWait) {}

    /** A background job: every {@code interval}, up to {@code maxBatches} transactions of {@code batchSize} rows. */
    public interface Job {
        boolean enabled();

        Duration interval();

        int batchSize();

        int maxBatches();
    }

    /** The deadline scan: small batches (the orders stay locked until their batch commits), run often. */
    public record DeadlineScan(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") @NotNull Duration interval,
            @DefaultValue("200") @Min(1) @Max(10_000) int batchSize,
            @DefaultValue("10") @Min(1) int maxBatches)
            implements Job {}

    /** The clean-up of expired idempotency keys: one statement per batch, each its own transaction. */
    public record IdempotencyCleanup(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10s") @NotNull Duration interval,
            @DefaultValue("1000") @Min(1) @Max(10_000) int batchSize,
            @DefaultValue("50") @Min(1) int maxBatches)
            implements Job {}
}
