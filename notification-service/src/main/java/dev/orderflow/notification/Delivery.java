package dev.orderflow.notification;

import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a channel needs to deliver one notification: stored as the request of its partner work item, so every attempt
 * says the same. {@code recipient} is personal data; partner work forgets it once the notification is delivered.
 */
record Delivery(
        UUID notificationId,
        UUID orderId,
        Outcome outcome,
        String recipient,
        @Nullable String reason,
        @Nullable BigDecimal total,
        @Nullable String currency) {

    /** The domain of message ids; a receiver de-duplicates on the whole id. */
    static final String MESSAGE_ID_DOMAIN = "orderflow.dev";

    /** The stable message id: the same on every delivery attempt, so a receiver can drop duplicates. */
    String messageId() {
        return messageId(notificationId);
    }

    static String messageId(UUID notificationId) {
        return "<" + notificationId + "@" + MESSAGE_ID_DOMAIN + ">";
    }
}
