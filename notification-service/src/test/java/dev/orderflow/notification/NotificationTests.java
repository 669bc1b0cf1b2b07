package dev.orderflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
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
    void startsPendingAndDueAtOnce() {
        Notification n = pending();

        assertThat(n.status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(n.attempts()).isZero();
        assertThat(n.nextAttemptAt()).isEqualTo(NOW);
        assertThat(n.messageId()).isEqualTo("<" + n.id() + "@orderflow.dev>");
    }

    @Test
    void aClaimCountsTheAttemptAndHidesItFromOtherDispatchersUntilItExpires() {
        Notification claimed = pending().claimed(NOW, Duration.ofMinutes(5));

        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(claimed.status()).isEqualTo(NotificationStatus.PENDING);
    }

    @Test
    void aSentNotificationIsNeverClaimedOrFailedAgain() {
        Notification original = pending();
        Notification sent = original.claimed(NOW, Duration.ofMinutes(5))
                .deliveryFailed("timeout", NOW, Duration.ofSeconds(1))
                .claimed(NOW.plusSeconds(1), Duration.ofMinutes(5))
                .sent(NOW.plusSeconds(2));

        assertThat(sent.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(sent.sentAt()).isEqualTo(NOW.plusSeconds(2));
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.lastError()).isNull();
        assertThat(sent.messageId()).as("stable across attempts").isEqualTo(original.messageId());
        assertThatThrownBy(() -> sent.claimed(NOW, Duration.ofMinutes(5))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sent.deliveryFailed("x", NOW, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sent.sent(NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailedDeliveryStaysPendingWithItsErrorAndWaits() {
        Notification claimed = pending().claimed(NOW, Duration.ofMinutes(5));

        Notification failed = claimed.deliveryFailed("Connection refused", NOW, Duration.ofSeconds(10));

        assertThat(failed.status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo("Connection refused");
        assertThat(failed.nextAttemptAt()).isEqualTo(NOW.plusSeconds(10));
        assertThat(failed.id()).isEqualTo(claimed.id());
    }

    @Test
    void storedErrorsNeverCarryEmailAddressesAndAreBounded() {
        String error =
                Notification.describe("550 5.1.1 <ana@example.com>: Recipient address rejected: ana@example.com");

        assertThat(error).doesNotContain("ana@example.com").contains("Recipient address rejected");
        assertThat(Notification.describe("x".repeat(2000))).hasSize(500);
        assertThat(Notification.describe(null)).isEqualTo("unknown error");
    }

    @Test
    void backoffDoublesFromTheInitialDelayUpToTheCapWithJitter() {
        NotificationProperties.Dispatcher settings = new NotificationProperties.Dispatcher(
                true,
                Duration.ofSeconds(1),
                20,
                50,
                Duration.ofMinutes(5),
                Duration.ofSeconds(10),
                Duration.ofMinutes(15));

        assertThat(settings.backoffAfter(1)).isBetween(Duration.ofMillis(7_500), Duration.ofMillis(12_500));
        assertThat(settings.backoffAfter(2)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(25));
        assertThat(settings.backoffAfter(4)).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(100));
        assertThat(settings.backoffAfter(8)).isBetween(Duration.ofMillis(675_000), Duration.ofMillis(1_125_000));
        assertThat(settings.backoffAfter(1000)).isBetween(Duration.ofMillis(675_000), Duration.ofMillis(1_125_000));
    }
}
