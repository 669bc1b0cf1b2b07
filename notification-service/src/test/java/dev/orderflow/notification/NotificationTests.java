package dev.orderflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationTests {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static Notification pending() {
        return Notification.confirmed(
                UUID.randomUUID(), "email", "ana@example.com", new BigDecimal("10.00"), "EUR", UUID.randomUUID(), NOW);
    }

    @Test
    void startsPendingWithAStableMessageId() {
        Notification n = pending();

        assertThat(n.status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(n.sentAt()).isNull();
        assertThat(n.messageId()).isEqualTo("<" + n.id() + "@orderflow.dev>");
    }

    @Test
    void itsDeliveryCarriesWhatTheChannelNeedsAndTheSameMessageId() {
        Notification n = Notification.cancelled(
                UUID.randomUUID(), "email", "ana@example.com", "OUT_OF_STOCK", UUID.randomUUID(), NOW);

        Delivery delivery = n.delivery();

        assertThat(delivery)
                .isEqualTo(new Delivery(
                        n.id(), n.orderId(), Outcome.CANCELLED, "ana@example.com", "OUT_OF_STOCK", null, null));
        assertThat(delivery.messageId()).isEqualTo(n.messageId());
    }

    @Test
    void aSentNotificationIsNeverSentAgain() {
        Notification original = pending();
        Notification sent = original.sent(NOW.plusSeconds(2));

        assertThat(sent.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(sent.sentAt()).isEqualTo(NOW.plusSeconds(2));
        assertThat(sent.messageId()).as("stable").isEqualTo(original.messageId());
        assertThatThrownBy(() -> sent.sent(NOW)).isInstanceOf(IllegalStateException.class);
    }
}
