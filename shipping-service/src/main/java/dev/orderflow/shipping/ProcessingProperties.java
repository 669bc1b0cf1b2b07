package dev.orderflow.shipping;

import dev.orderflow.messaging.partner.RetryBackoff;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the shipment processor drives partner calls ({@code orderflow.shipping.processing.*}).
 *
 * @param pollInterval how often it looks for due calls when nothing woke it (commits of new work wake it at once)
 * @param batchSize how many due calls it takes at a time; they run concurrently
 * @param claimTimeout how long a taken call is hidden from other workers; longer than a call can take, after which a
 *     call whose worker died is taken again
 * @param backoffInitial wait after the first failed attempt, doubled after each further one (±25 % jitter)
 * @param backoffMax the longest wait between attempts
 * @param incidentAfterAttempts failed carrier cancellations after which the cancellation becomes a compensation incident
 * @param incidentRetryInterval wait between the scheduled attempts of a cancellation with an open incident
 */
@Validated
@ConfigurationProperties("orderflow.shipping.processing")
record ProcessingProperties(
        @DefaultValue("1s") @NotNull Duration pollInterval,
        @DefaultValue("20") @Min(1) @Max(500) int batchSize,
        @DefaultValue("1m") @NotNull Duration claimTimeout,
        @DefaultValue("1s") @NotNull Duration backoffInitial,
        @DefaultValue("1m") @NotNull Duration backoffMax,
        @DefaultValue("5") @Min(1) int incidentAfterAttempts,
        @DefaultValue("5m") @NotNull Duration incidentRetryInterval) {

    /** The wait after {@code attempts} failed attempts: exponential from the initial backoff, capped, with jitter. */
    Duration backoff(int attempts) {
        return RetryBackoff.exponential(backoffInitial, backoffMax).after(attempts);
    }
}
