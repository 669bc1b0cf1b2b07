package dev.orderflow.notification;

import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.order.OrderCompleted;
import dev.orderflow.messaging.Causation;
import dev.orderflow.messaging.partner.PartnerWorkItem;
import dev.orderflow.messaging.testkit.ServiceTestKit;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** The service test kit with what notification tests add: the outcome events they send, and what was recorded. */
class NotificationTestKit extends ServiceTestKit {

    static final String CUSTOMER_EMAIL = "ana@example.com";

    private final Notifications notifications;
    private final NotificationStep step;

    NotificationTestKit(ServiceTestKit kit, Notifications notifications, NotificationStep step) {
        super(kit);
        this.notifications = notifications;
        this.step = step;
    }

    static OrderCompleted completed(UUID orderId) {
        return new OrderCompleted(orderId, new BigDecimal("42.50"), "EUR", CUSTOMER_EMAIL);
    }

    static OrderCancelled cancelled(UUID orderId, String reason) {
        return new OrderCancelled(orderId, reason, CUSTOMER_EMAIL);
    }

    List<Notification> notifications(UUID orderId) {
        return notifications.ofOrder(orderId);
    }

    Notification notification(UUID orderId, String channel) {
        return notifications(orderId).stream()
                .filter(n -> n.channel().equals(channel))
                .findFirst()
                .orElseThrow(() -> new AssertionError("order " + orderId + " has no " + channel + " notification"));
    }

    /** Whether the order's notification through the channel exists and was sent: a condition to await. */
    boolean sent(UUID orderId, String channel) {
        return notifications(orderId).stream()
                .anyMatch(n -> n.channel().equals(channel) && n.status() == NotificationStatus.SENT);
    }

    /** The partner work delivering an order's notification through a channel. */
    PartnerWorkItem delivery(UUID orderId, String channel) {
        return partnerWork(orderId, Channels.action(channel))
                .orElseThrow(() -> new AssertionError("order " + orderId + " has no " + channel + " delivery"));
    }

    /** Adds notifications with their deliveries directly, in one transaction, as the outcome handlers would. */
    void addAll(List<Notification> added) {
        transactions().executeWithoutResult(status -> added.forEach(n -> step.add(n, Causation.newSaga())));
    }
}
