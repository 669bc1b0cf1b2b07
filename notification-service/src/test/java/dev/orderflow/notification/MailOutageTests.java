package dev.orderflow.notification;

import static dev.orderflow.notification.NotificationTestKit.CUSTOMER_EMAIL;
import static dev.orderflow.notification.NotificationTestKit.completed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Email delivery while the SMTP server is down: nothing lost, nothing blocked, delivered once it is back. */
@NotificationIntegrationTest
class MailOutageTests {

    private static final Duration LIMIT = Duration.ofSeconds(60);

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
        mail.stop();
        UUID orderId = UUID.randomUUID();

        kit.publish(completed(orderId));

        await().atMost(LIMIT).untilAsserted(() -> {
            Notification email = kit.notification(orderId, "email");
            assertThat(email.status()).isEqualTo(NotificationStatus.PENDING);
            assertThat(email.attempts()).isGreaterThanOrEqualTo(2);
            assertThat(email.lastError()).isNotBlank().doesNotContain(CUSTOMER_EMAIL);
            assertThat(email.sentAt()).isNull();
        });
        // The failing channel holds up nothing else.
        assertThat(kit.notification(orderId, "log").status()).isEqualTo(NotificationStatus.SENT);

        mail.restart();

        await().atMost(LIMIT).until(() -> kit.notification(orderId, "email").status() == NotificationStatus.SENT);
        Notification email = kit.notification(orderId, "email");
        assertThat(email.sentAt()).isNotNull();
        assertThat(mail.messagesWithId(email.messageId())).hasSize(1);
    }
}
