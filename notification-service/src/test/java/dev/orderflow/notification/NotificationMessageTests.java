package dev.orderflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationMessageTests {

    private static final UUID ORDER = UUID.fromString("7d3c1c5e-8a43-4c53-a8f4-0d1f1c0e6b11");

    @Test
    void confirmationNamesTheOrderAndItsTotal() {
        Notification n = Notification.confirmed(
                ORDER, "email", "ana@example.com", new BigDecimal("42.50"), "EUR", UUID.randomUUID(), Instant.now());

        NotificationMessage message = NotificationMessage.of(n.delivery());

        assertThat(message.subject()).isEqualTo("Your order " + ORDER + " is confirmed");
        assertThat(message.text()).contains(ORDER.toString()).contains("42.50 EUR");
    }

    @Test
    void cancellationExplainsTheReasonAndNamesItsCode() {
        Notification n = Notification.cancelled(
                ORDER, "email", "ana@example.com", "SHIPPING_FAILED", UUID.randomUUID(), Instant.now());

        NotificationMessage message = NotificationMessage.of(n.delivery());

        assertThat(message.subject()).isEqualTo("Your order " + ORDER + " was cancelled");
        assertThat(message.text())
                .contains("we could not arrange delivery to your address")
                .contains("Reason: SHIPPING_FAILED");
    }

    @Test
    void aReasonThisVersionDoesNotKnowIsStillNamed() {
        Notification n = Notification.cancelled(
                ORDER, "email", "ana@example.com", "FRAUD_SUSPECTED", UUID.randomUUID(), Instant.now());

        assertThat(NotificationMessage.of(n.delivery()).text())
                .contains("a problem with the order")
                .contains("Reason: FRAUD_SUSPECTED");
    }

    @Test
    void neverContainsTheRecipient() {
        Notification n = Notification.cancelled(
                ORDER, "email", "ana@example.com", "TIMED_OUT", UUID.randomUUID(), Instant.now());

        NotificationMessage message = NotificationMessage.of(n.delivery());

        assertThat(message.subject() + message.text()).doesNotContain("ana@example.com");
    }
}
