package dev.orderflow.inventory.catalog;

import dev.orderflow.events.Money;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The deployment's one currency ({@code orderflow.currency}): every price in the catalog is in it. */
@Validated
@ConfigurationProperties("orderflow")
public record CatalogProperties(
        @DefaultValue("EUR") @NotNull @Pattern(regexp = Money.CURRENCY_PATTERN)
        String currency) {}
