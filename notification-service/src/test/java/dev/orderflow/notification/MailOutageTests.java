package dev.orderflow.notification;

import static dev.orderflow.notification.NotificationTestKit.CUSTOMER_EMAIL;
import static dev.orderflow.notification.NotificationTestKit.completed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.messaging.partner.PartnerWorkItem;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Email delivery while the SMTP server is down: nothing lost, nothing blocked, delivered once it is back. */
@NotificationIntegrationTest
class MailOutageTests {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String ATTEMPTS = "orderflow.partner.attempts";

    private final NotificationTestKit kit;
    private final TestMailServer mail;

    MailOutageTests(NotificationTestKit kit, TestMailServer mail) {
        this.kit = kit;
        this.mail = mail;
    }

    @AfterEach
    void mailServerIsBack() {
        mail.restart();
    }

    @Test
    void keepsAnEmailPendingWhileTheMailServerIsDownAndDeliversItWhenItIsBack() {
        double refusedBefore = refusedConnections();
        mail.stop();
        UUID orderId = UUID.randomUUID();

        kit.publish(completed(orderId));

        await().atMost(LIMIT).untilAsserted(() -> {
            assertThat(kit.notification(orderId, "email").status()).isEqualTo(NotificationStatus.PENDING);
            PartnerWorkItem delivery = kit.delivery(orderId, "email");
            assertThat(delivery.attempts()).isGreaterThanOrEqualTo(2);
            assertThat(delivery.lastError()).isNotBlank().doesNotContain(CUSTOMER_EMAIL);
            // A refused connection is classified: nothing reached the mail server.
            assertThat(delivery.dispatched()).isZero();
            assertThat(delivery.inDoubt()).isFalse();
            // Counted when an attempt is recorded, which is after its claim counted it in attempts.
            assertThat(refusedConnections()).isGreaterThanOrEqualTo(refusedBefore + 2);
        });
        // The failing channel holds up nothing else.
        assertThat(kit.notification(orderId, "log").status()).isEqualTo(NotificationStatus.SENT);

        mail.restart();

        await().atMost(LIMIT).until(() -> kit.sent(orderId, "email"));
        Notification email = kit.notification(orderId, "email");
        assertThat(email.sentAt()).isNotNull();
        assertThat(mail.messagesWithId(email.messageId())).hasSize(1);
        assertThat(kit.delivery(orderId, "email").status()).isEqualTo(PartnerWorkItem.Status.DONE);
    }

    private double refusedConnections() {
        return kit.counter(ATTEMPTS, "action", "NOTIFY_EMAIL", "outcome", "retry", "dispatched", "false");
    }
}
