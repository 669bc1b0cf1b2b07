package dev.orderflow.events;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Where an order goes. Personal data: never logged, masked in dead-letter views. */
public record ShippingAddress(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 200) String line1,
        @Nullable @Size(max = 200) String line2,
        @NotBlank @Size(max = 100) String city,
        @NotBlank @Size(max = 20) String postalCode,
        @NotBlank @Pattern(regexp = "[A-Z]{2}") String country) {}
