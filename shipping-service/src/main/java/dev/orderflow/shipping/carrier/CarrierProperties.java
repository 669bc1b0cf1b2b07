package dev.orderflow.shipping.carrier;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the carrier is and how long to wait for it ({@code orderflow.partners.carrier.*}). The client never retries by
 * itself: a failed call is retried by the shipment processor with backoff.
 */
@Validated
@ConfigurationProperties("orderflow.partners.carrier")
public record CarrierProperties(
        @DefaultValue("http://localhost:8090") @NotNull URI baseUrl,
        @DefaultValue("2s") @NotNull Duration connectTimeout,
        @DefaultValue("5s") @NotNull Duration readTimeout) {}
