package dev.orderflow.notification;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One notification: an order's outcome told through one channel. Created PENDING; a dispatcher claims it, delivers it
 * and marks it SENT, or records the failure and when to try again. {@code recipient} is personal data.
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
        int attempts,
        @Nullable String lastError,
        Instant nextAttemptAt,
        Instant createdAt,
        @Nullable Instant sentAt,
        UUID eventId) {

    /** The domain of message ids; a receiver de-duplicates on the whole id. */
    static final String MESSAGE_ID_DOMAIN = "orderflow.dev";

    private static final int MAX_ERROR_LENGTH = 500;
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^\\s<>\"'@,;:]+@[^\\s<>\"'@,;:]+");

    Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
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
                0,
                null,
                now,
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
                0,
                null,
                now,
                now,
                null,
                eventId);
    }

    /** The stable message id: the same on every delivery attempt, so a receiver can drop duplicates. */
    String messageId() {
        return "<" + id + "@" + MESSAGE_ID_DOMAIN + ">";
    }

    /**
     * A dispatcher takes the notification for one delivery attempt. Until {@code claimTimeout} has passed no other
     * dispatcher picks it up; after that it is due again, which covers a dispatcher that died mid-delivery.
     */
    Notification claimed(Instant now, Duration claimTimeout) {
        requirePending("claim");
        return with(status, attempts + 1, lastError, now.plus(claimTimeout), sentAt);
    }

    Notification sent(Instant now) {
        requirePending("mark sent");
        return with(NotificationStatus.SENT, attempts, null, nextAttemptAt, now);
    }

    /** The attempt failed: stays PENDING, keeps the error (without email addresses) and waits {@code retryIn}. */
    Notification deliveryFailed(String error, Instant now, Duration retryIn) {
        requirePending("record a failed delivery of");
        return with(status, attempts, describe(error), now.plus(retryIn), sentAt);
    }

    /** An error fit to store and log: email addresses (personal data) masked, bounded in length. */
    static String describe(@Nullable String error) {
        String masked =
                EMAIL_ADDRESS.matcher(error == null ? "unknown error" : error).replaceAll("***");
        return masked.length() <= MAX_ERROR_LENGTH ? masked : masked.substring(0, MAX_ERROR_LENGTH);
    }

    private void requirePending(String action) {
        if (status != NotificationStatus.PENDING) {
            throw new IllegalStateException("Cannot " + action + " notification " + id + ": it is " + status);
        }
    }

    private Notification with(
            NotificationStatus status,
            int attempts,
            @Nullable String lastError,
            Instant nextAttemptAt,
            @Nullable Instant sentAt) {
        return new Notification(
                id,
                orderId,
                outcome,
                channel,
                status,
                recipient,
                reason,
                total,
                currency,
                attempts,
                lastError,
                nextAttemptAt,
                createdAt,
                sentAt,
                eventId);
    }
}
