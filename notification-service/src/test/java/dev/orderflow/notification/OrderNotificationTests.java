package dev.orderflow.notification;

import static dev.orderflow.notification.NotificationTestKit.CUSTOMER_EMAIL;
import static dev.orderflow.notification.NotificationTestKit.cancelled;
import static dev.orderflow.notification.NotificationTestKit.completed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.order.CancellationReasons;
import dev.orderflow.messaging.partner.PartnerWorkItem;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The service driven by outcome events on the orders topic, as order-service publishes them. */
@NotificationIntegrationTest
class OrderNotificationTests {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private final NotificationTestKit kit;
    private final TestMailServer mail;

    OrderNotificationTests(NotificationTestKit kit, TestMailServer mail) {
        this.kit = kit;
        this.mail = mail;
    }

    @Test
    void confirmsACompletedOrderOncePerChannelWithOneEmailCarryingTheStableMessageId() throws Exception {
        UUID orderId = UUID.randomUUID();

        kit.publish(completed(orderId));

        awaitAllSent(orderId, 2);
        List<Notification> notifications = kit.notifications(orderId);
        assertThat(notifications).extracting(Notification::outcome).containsOnly(Outcome.CONFIRMED);
        assertThat(notifications).extracting(Notification::channel).containsExactlyInAnyOrder("log", "email");
        Notification email = kit.notification(orderId, "email");
        List<MimeMessage> messages = mail.messagesWithId("<" + email.id() + "@orderflow.dev>");
        assertThat(messages).hasSize(1);
        MimeMessage message = messages.getFirst();
        assertThat(message.getAllRecipients()).containsExactly(new InternetAddress(CUSTOMER_EMAIL));
        assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo("orders@orderflow.dev");
        assertThat(message.getSubject()).contains(orderId.toString()).contains("confirmed");
        assertThat(String.valueOf(message.getContent())).contains("42.50 EUR");
        assertThat(mail.messagesAbout(orderId.toString())).hasSize(1);
    }

    @Test
    void eachNotificationIsDeliveredByOnePartnerWorkItemKeyedByItsIdThatForgetsTheRecipientOnceDone() {
        UUID orderId = UUID.randomUUID();
        double emailsBefore = sentCount("email");

        kit.publish(completed(orderId));

        awaitAllSent(orderId, 2);
        await().atMost(LIMIT).until(() -> sentCount("email") == emailsBefore + 1);
        assertThat(kit.partnerWork(orderId))
                .extracting(PartnerWorkItem::action, PartnerWorkItem::idempotencyKey)
                .containsExactlyInAnyOrder(
                        tuple(
                                "NOTIFY_LOG",
                                kit.notification(orderId, "log").id().toString()),
                        tuple(
                                "NOTIFY_EMAIL",
                                kit.notification(orderId, "email").id().toString()));
        assertThat(kit.partnerWork(orderId)).allSatisfy(work -> {
            assertThat(work.status()).isEqualTo(PartnerWorkItem.Status.DONE);
            assertThat(work.attempts()).isEqualTo(1);
            assertThat(work.request()).as("the recipient is personal data").isNull();
        });
    }

    @Test
    void aRedeliveredOrderCompletedAddsNoNotificationAndSendsNoSecondEmail() {
        UUID orderId = UUID.randomUUID();
        EventEnvelope first = kit.publish(completed(orderId));
        awaitAllSent(orderId, 2);
        List<UUID> ids =
                kit.notifications(orderId).stream().map(Notification::id).toList();
        String completedType = EventTypes.ORDER_COMPLETED.name();
        double duplicatesBefore =
                kit.counter("orderflow.inbox.duplicates", "group", NotificationHandlers.GROUP, "type", completedType);

        // The same record again (a redelivery after a crash before the offset commit) ...
        kit.redeliver(first, completed(orderId));
        await().atMost(LIMIT)
                .until(() -> kit.counter(
                                "orderflow.inbox.duplicates",
                                "group",
                                NotificationHandlers.GROUP,
                                "type",
                                completedType)
                        > duplicatesBefore);
        // ... and the same outcome in a new event (an order-service that published it twice).
        EventEnvelope repeated = kit.publish(completed(orderId));
        await().atMost(LIMIT).until(() -> kit.applied(repeated));
        // Anything the redeliveries queued would be due before a later order's notifications, which partner work
        // takes in due order: once those are sent, a second email for this order would have been sent too.
        UUID later = UUID.randomUUID();
        kit.publish(completed(later));
        awaitAllSent(later, 2);

        assertThat(kit.notifications(orderId)).extracting(Notification::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(kit.notifications(orderId)).extracting(Notification::status).containsOnly(NotificationStatus.SENT);
        assertThat(kit.partnerWork(orderId)).hasSize(2);
        assertThat(mail.messagesAbout(orderId.toString())).hasSize(1);
    }

    @Test
    void tellsTheCustomerACancelledOrderWithItsReason() throws Exception {
        UUID orderId = UUID.randomUUID();

        kit.publish(cancelled(orderId, CancellationReasons.PAYMENT_DECLINED));

        awaitAllSent(orderId, 2);
        assertThat(kit.notifications(orderId)).allSatisfy(n -> {
            assertThat(n.outcome()).isEqualTo(Outcome.CANCELLED);
            assertThat(n.reason()).isEqualTo(CancellationReasons.PAYMENT_DECLINED);
        });
        Notification email = kit.notification(orderId, "email");
        List<MimeMessage> messages = mail.messagesWithId(email.messageId());
        assertThat(messages).hasSize(1);
        assertThat(messages.getFirst().getSubject()).contains("cancelled");
        assertThat(String.valueOf(messages.getFirst().getContent()))
                .contains("the payment was declined")
                .contains("PAYMENT_DECLINED");
    }

    private double sentCount(String channel) {
        return kit.counter("orderflow.notifications.sent", "channel", channel, "outcome", "CONFIRMED");
    }

    private void awaitAllSent(UUID orderId, int expected) {
        await().atMost(LIMIT)
                .untilAsserted(() -> assertThat(kit.notifications(orderId))
                        .hasSize(expected)
                        .extracting(Notification::status)
                        .containsOnly(NotificationStatus.SENT));
    }
}
