package dev.orderflow.sandbox.carrier;

import dev.orderflow.sandbox.journal.OrderScopedRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A shipment to book; {@code orderId} is also its idempotency key. The address is personal data: never logged. */
record BookingRequest(
        @NotNull UUID orderId,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 200) String line1,
        @Size(max = 200) @Nullable String line2,
        @NotBlank @Size(max = 100) String city,
        @NotBlank @Size(max = 20) String postalCode,
        @NotNull @Pattern(regexp = "[A-Z]{2}") String country)
        implements OrderScopedRequest {}
