package dev.orderflow.messaging;

import dev.orderflow.events.Topics;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the reliable-messaging machinery ({@code orderflow.messaging.*}), with production defaults.
 *
 * @param topicPrefix the start of every topic and consumer group name, for test isolation and shared clusters
 * @param observationEnabled whether Orderflow's listener containers are observed (one trace per order, ADR 0005); they
 *     follow this rather than {@code spring.kafka.listener.observation-enabled}
 */
@Validated
@ConfigurationProperties("orderflow.messaging")
public record MessagingProperties(
        @DefaultValue(Topics.DEFAULT_PREFIX) @NotNull String topicPrefix,
        @DefaultValue("true") boolean observationEnabled,
        @DefaultValue @Valid Relay relay,
        @DefaultValue @Valid Consumer consumer,
        @DefaultValue @Valid Retention retention,
        @DefaultValue @Valid TopicSettings topics,
        @DefaultValue @Valid PartnerWorkSettings partnerWork) {

    public Topics topicNames() {
        return new Topics(topicPrefix);
    }

    /**
     * The outbox relay: one active publisher per database, woken by NOTIFY, polling as a fallback.
     *
     * @param lease how long a relay leads without renewing its lease (ADR 0015): a leader cut off from its database
     *     stops sending at its end and a standby takes over then, within one more poll interval; also the network
     *     time-out of the relay's database calls. At least three times the poll interval; at most 30 s keeps failover
     *     within SPEC 5's bound
     */
    public record Relay(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1000") @Min(1) @Max(10_000) int batchSize,
            @DefaultValue("500ms") @NotNull Duration pollInterval,
            @DefaultValue("true") boolean listenNotify,
            @DefaultValue("100ms") @NotNull Duration backoffInitial,
            @DefaultValue("10s") @NotNull Duration backoffMax,
            @DefaultValue("30s") @NotNull Duration sendTimeout,
            @DefaultValue("5s") @NotNull Duration metricsInterval,
            @DefaultValue("15s") @NotNull Duration lease) {}

    /**
     * Orderflow's consumers: blocking retries only, so one order's events keep their order. Polling, fetching and
     * concurrency are Spring Boot's {@code spring.kafka.consumer.*} and {@code spring.kafka.listener.*}, with Orderflow's
     * defaults where they are unset (ADR 0009).
     *
     * @param lagInterval how often each group's lag is read from the broker ({@code orderflow_consumer_lag_records})
     * @param transientBackoffInitial first wait before a record whose failure is transient is tried again
     * @param transientBackoffMax the cap of that exponential backoff: transient failures are retried for as long as
     *     they last
     * @param unexpectedFailureRetries retries of a record that failed for another reason before it is dead-lettered
     * @param unexpectedFailureBackoff the wait between those retries
     * @param recordDeadLetters whether this service copies its groups' dead letters into its database (admin API)
     */
    public record Consumer(
            @DefaultValue("15s") @NotNull Duration lagInterval,
            @DefaultValue("500ms") @NotNull Duration transientBackoffInitial,
            @DefaultValue("30s") @NotNull Duration transientBackoffMax,
            @DefaultValue("2") @Min(0) @Max(10) int unexpectedFailureRetries,
            @DefaultValue("1s") @NotNull Duration unexpectedFailureBackoff,
            @DefaultValue("true") boolean recordDeadLetters) {}

    /**
     * How long handled rows are kept, and how clean-up deletes them: in small batches, oldest first. The defaults delete
     * up to 500,000 rows per table a minute (8,333 a second), twice what the busiest table (order-service's inbox,
     * about four rows per order) writes at 1,000 orders/s.
     */
    public record Retention(
            @DefaultValue("1d") @NotNull Duration publishedOutbox,
            @DefaultValue("14d") @NotNull Duration inbox,
            @DefaultValue("14d") @NotNull Duration deadLetters,
            @DefaultValue("14d") @NotNull Duration settledPartnerWork,
            @DefaultValue("1m") @NotNull Duration cleanupInterval,
            @DefaultValue("1000") @Min(1) int cleanupBatchSize,
            @DefaultValue("500") @Min(1) int cleanupMaxBatches) {}

    /** Topics this service declares (its own stream and its groups' dead-letter topics). */
    public record TopicSettings(
            @DefaultValue("true") boolean create,
            @DefaultValue("6") @Min(1) int partitions,
            @DefaultValue("1") @Min(1) short replicationFactor) {}

    /**
     * Partner work (ADR 0010): how the calls to partners are driven.
     *
     * @param enabled whether this instance runs a worker (an instance without one still records and voids work)
     * @param pollInterval how often the worker looks for due work when nothing woke it (commits of new work wake it)
     * @param batchSize how many items the worker takes from one partner at a time, at most as many as it can call at once
     * @param lease how long a taken item is hidden from other workers; longer than a call can take, after which the
     *     item of a worker that died is taken again (and is in doubt)
     * @param backoffInitial wait after the first failed attempt, doubled after each further one (±25 % jitter)
     * @param backoffMax the longest wait between attempts
     * @param incidentAfterAttempts failed attempts of a compensation after which it becomes a compensation incident
     * @param incidentRetryInterval wait between the scheduled attempts of a compensation with an open incident
     * @param stopWait how long shutting down waits for the calls in progress to finish and be recorded
     */
    public record PartnerWorkSettings(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") @NotNull Duration pollInterval,
            @DefaultValue("20") @Min(1) @Max(500) int batchSize,
            @DefaultValue("1m") @NotNull Duration lease,
            @DefaultValue("1s") @NotNull Duration backoffInitial,
            @DefaultValue("1m") @NotNull Duration backoffMax,
            @DefaultValue("5") @Min(1) int incidentAfterAttempts,
            @DefaultValue("5m") @NotNull Duration incidentRetryInterval,
            @DefaultValue("20s") @NotNull Duration stopWait) {}
}
