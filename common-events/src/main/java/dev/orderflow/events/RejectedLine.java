package dev.orderflow.events;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A line inventory-service could not reserve, with what it had available at the time. */
public record RejectedLine(
        @NotNull @Pattern(regexp = Skus.PATTERN) String sku,
        @Min(1) int requested,
        @Min(0) int available) {}
