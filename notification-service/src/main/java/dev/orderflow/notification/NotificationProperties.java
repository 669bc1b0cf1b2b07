package dev.orderflow.notification;

import jakarta.validation.Valid;
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
        @DefaultValue @Valid Webhook webhook) {

    /**
     * The email channel; the recipient is the customer email carried by the outcome event. Delivered through partner
     * work ({@code orderflow.messaging.partner-work.*}: polling, backoff, lease).
     *
     * @param maxConcurrentSends how many emails are sent at once (mail servers limit the connections of one client)
     */
    record Email(
            @DefaultValue("Orderflow <orders@orderflow.dev>") @NotBlank
            String from,

            @DefaultValue("10") @Min(1) int maxConcurrentSends) {}

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
}
