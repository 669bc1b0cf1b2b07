package dev.orderflow.payment.provider;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the payment provider is and how long to wait for it ({@code orderflow.partners.provider.*}). The client never
 * retries by itself: a failed call is retried by the payment processor with backoff.
 */
@Validated
@ConfigurationProperties("orderflow.partners.provider")
public record ProviderProperties(
        @DefaultValue("http://localhost:8090") @NotNull URI baseUrl,
        @DefaultValue("2s") @NotNull Duration connectTimeout,
        @DefaultValue("5s") @NotNull Duration readTimeout) {}
