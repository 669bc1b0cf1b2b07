package dev.orderflow.events;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;

/** A reserved line, priced by inventory-service from its catalog. */
public record PricedLine(
        @NotNull @Pattern(regexp = Skus.PATTERN) String sku,
        @Min(1) @Max(1000) int quantity,
        @NotNull @PositiveOrZero BigDecimal unitPrice) {}
