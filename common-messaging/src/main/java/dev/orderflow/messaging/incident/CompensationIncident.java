package dev.orderflow.messaging.incident;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A compensation (a refund, a carrier cancellation) that keeps failing, as operators see it. Its error texts come from our
 * own messages, never from partner bodies or payloads, so they hold no personal data.
 */
public record CompensationIncident(
        UUID id,
        UUID orderId,
        String action,
        IncidentStatus status,
        int attempts,
        @Nullable String lastError,
        Instant openedAt,
        Instant updatedAt,
        @Nullable Instant resolvedAt) {}
