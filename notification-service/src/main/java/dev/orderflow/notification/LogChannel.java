package dev.orderflow.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Writes the notification as a structured log line: ids and outcome only, never the customer's email. */
@Component
class LogChannel implements NotificationChannel {

    static final String NAME = "log";

    private static final Logger log = LoggerFactory.getLogger(LogChannel.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(Notification notification) {
        // orderId is in the MDC (the dispatcher sets it): a key-value pair of the same name would clash in JSON logs.
        log.atInfo()
                .addKeyValue("notificationId", notification.id())
                .addKeyValue("outcome", notification.outcome())
                .addKeyValue("reason", notification.reason())
                .log(
                        "Customer notified: order {} {} (notification {})",
                        notification.orderId(),
                        notification.outcome(),
                        notification.id());
    }
}
