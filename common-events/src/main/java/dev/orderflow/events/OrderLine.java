package dev.orderflow.events;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** One line of an order as the customer asked for it, unpriced. */
public record OrderLine(
        @NotNull @Pattern(regexp = Skus.PATTERN) String sku,
        @Min(1) @Max(1000) int quantity) {}
