package dev.orderflow.notification;

import dev.orderflow.messaging.partner.PartnerCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Writes the notification as a structured log line: ids and outcome only, never the customer's email. */
@Component
class LogChannel implements NotificationChannel {

    static final String NAME = "log";
    static final String PARTNER = "log";
    private static final int CONCURRENT_WRITES = 20;

    private static final Logger log = LoggerFactory.getLogger(LogChannel.class);

    private final PartnerCalls partner = PartnerCalls.unguarded(PARTNER, CONCURRENT_WRITES);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PartnerCalls partner() {
        return partner;
    }

    @Override
    public void deliver(Delivery delivery, PartnerCalls.Permit permit) {
        permit.call("write", () -> {
            // orderId is in the MDC (partner work sets it): a key-value pair of the same name would clash in JSON logs.
            log.atInfo()
                    .addKeyValue("notificationId", delivery.notificationId())
                    .addKeyValue("outcome", delivery.outcome())
                    .addKeyValue("reason", delivery.reason())
                    .log(
                            "Customer notified: order {} {} (notification {})",
                            delivery.orderId(),
                            delivery.outcome(),
                            delivery.notificationId());
            return null;
        });
    }
}
