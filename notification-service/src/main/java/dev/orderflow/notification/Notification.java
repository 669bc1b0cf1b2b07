package dev.orderflow.notification;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One notification: an order's outcome told through one channel. Created PENDING together with the partner work that
 * delivers it (at least once, with the stable {@link #messageId()}), then SENT once. {@code recipient} is personal data.
 */
record Notification(
        UUID id,
        UUID orderId,
        Outcome outcome,
        String channel,
        NotificationStatus status,
        String recipient,
        @Nullable String reason,
        @Nullable BigDecimal total,
        @Nullable String currency,
        Instant createdAt,
        @Nullable Instant sentAt,
        UUID eventId) {

    Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(eventId, "eventId");
    }

    static Notification confirmed(
            UUID orderId,
            String channel,
            String recipient,
            BigDecimal total,
            String currency,
            UUID eventId,
            Instant now) {
        return new Notification(
                UUID.randomUUID(),
                orderId,
                Outcome.CONFIRMED,
                channel,
                NotificationStatus.PENDING,
                recipient,
                null,
                total,
                currency,
                now,
                null,
                eventId);
    }

    static Notification cancelled(
            UUID orderId, String channel, String recipient, String reason, UUID eventId, Instant now) {
        return new Notification(
                UUID.randomUUID(),
                orderId,
                Outcome.CANCELLED,
                channel,
                NotificationStatus.PENDING,
                recipient,
                reason,
                null,
                null,
                now,
                null,
                eventId);
    }

    /** The stable message id: the same on every delivery attempt, so a receiver can drop duplicates. */
    String messageId() {
        return Delivery.messageId(id);
    }

    /** What its channel needs to deliver it. */
    Delivery delivery() {
        return new Delivery(id, orderId, outcome, recipient, reason, total, currency);
    }

    Notification sent(Instant now) {
        if (status != NotificationStatus.PENDING) {
            throw new IllegalStateException("Cannot mark notification " + id + " sent: it is " + status);
        }
        return new Notification(
                id,
                orderId,
                outcome,
                channel,
                NotificationStatus.SENT,
                recipient,
                reason,
                total,
                currency,
                createdAt,
                now,
                eventId);
    }
}
