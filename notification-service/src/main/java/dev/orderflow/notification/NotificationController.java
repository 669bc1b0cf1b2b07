package dev.orderflow.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What operators and tests see of an order's notifications; never the recipient or the message. */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    List<NotificationView> ofOrder(@RequestParam UUID orderId) {
        return notifications.ofOrder(orderId).stream().map(NotificationView::of).toList();
    }

    record NotificationView(
            UUID id,
            UUID orderId,
            Outcome outcome,
            String channel,
            NotificationStatus status,
            @Nullable Instant sentAt) {

        static NotificationView of(Notification n) {
            return new NotificationView(n.id(), n.orderId(), n.outcome(), n.channel(), n.status(), n.sentAt());
        }
    }
}
