package dev.orderflow.shipping.carrier;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A booking as the carrier takes it and partner work stores it; the address is personal data, forgotten once settled. */
public record BookingRequest(
        UUID orderId,
        String name,
        String line1,
        @Nullable String line2,
        String city,
        String postalCode,
        String country) {}
