package dev.orderflow.notification;

import dev.orderflow.messaging.partner.RetryBackoff;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Settings of customer notifications ({@code orderflow.notifications.*}), with production defaults. */
@Validated
@ConfigurationProperties("orderflow.notifications")
record NotificationProperties(
        @DefaultValue({"log", "email"}) @NotEmpty List<@NotBlank String> channels,
        @DefaultValue @Valid Email email,
        @DefaultValue @Valid Webhook webhook,
        @DefaultValue @Valid Dispatcher dispatcher) {

    /** The email channel; the recipient is the customer email carried by the outcome event. */
    record Email(
            @DefaultValue("Orderflow <orders@orderflow.dev>") @NotBlank
            String from) {}

    /**
     * The webhook channel: where notifications are posted and the shared secret they are signed with (HMAC-SHA256).
     * The secret comes from the environment or a mounted secret, never from a file in the repository. Resilience
     * settings: {@code resilience4j.*.instances.webhook.*}.
     *
     * @param allowedHosts the only hosts the webhook may target (SSRF guard): the URL's host must be one of them
     * @param allowPlainHttp whether an {@code http://} URL is accepted (local development and tests only); otherwise
     *     only {@code https://}
     */
    record Webhook(
            @Nullable URI url,
            @Nullable String secret,
            @DefaultValue("2s") @NotNull Duration connectTimeout,
            @DefaultValue("5s") @NotNull Duration readTimeout,
            @DefaultValue List<@NotBlank String> allowedHosts,
            @DefaultValue("false") boolean allowPlainHttp) {}

    /**
     * The dispatcher delivering pending notifications: every replica polls and claims small batches; a claim lasts
     * {@code claimTimeout}, after which an unfinished delivery (a crashed replica) is tried again. Keep the timeout well
     * above a batch's worst case (batch size × the SMTP timeouts), or a slow batch is delivered twice.
     */
    record Dispatcher(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") @NotNull Duration pollInterval,
            @DefaultValue("10") @Min(1) @Max(500) int batchSize,
            @DefaultValue("50") @Min(1) int maxBatchesPerRun,
            @DefaultValue("10m") @NotNull Duration claimTimeout,
            @DefaultValue("10s") @NotNull Duration backoffInitial,
            @DefaultValue("15m") @NotNull Duration backoffMax) {

        /** How long to wait after the given number of failed attempts: doubling from the initial delay, capped, jittered. */
        Duration backoffAfter(int attempts) {
            return RetryBackoff.exponential(backoffInitial, backoffMax).after(attempts);
        }
    }
}
