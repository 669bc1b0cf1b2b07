package dev.orderflow.notification;

import dev.orderflow.events.InvalidPayloadException;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.order.OrderCompleted;
import dev.orderflow.messaging.EventContext;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns an order's outcome into one pending notification per enabled channel, in the inbox transaction. Delivery
 * happens later, after commit, in the {@link NotificationDispatcher}; a repeated outcome adds nothing.
 */
@Service
class OrderOutcomes {

    private static final Logger log = LoggerFactory.getLogger(OrderOutcomes.class);

    /** A reason is a code (see CancellationReasons); anything else breaks the contract. New codes are accepted. */
    private static final Pattern REASON_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final Notifications notifications;
    private final Channels channels;
    private final Clock clock;

    OrderOutcomes(Notifications notifications, Channels channels, Clock clock) {
        this.notifications = notifications;
        this.channels = channels;
        this.clock = clock;
    }

    @Transactional
    void completed(OrderCompleted completed, EventContext context) {
        record(channel -> Notification.confirmed(
                completed.orderId(),
                channel,
                completed.customerEmail(),
                completed.total(),
                completed.currency(),
                context.envelope().id(),
                now()));
    }

    @Transactional
    void cancelled(OrderCancelled cancelled, EventContext context) {
        if (!REASON_CODE.matcher(cancelled.reason()).matches()) {
            throw new InvalidPayloadException("OrderCancelled reason is not a reason code");
        }
        record(channel -> Notification.cancelled(
                cancelled.orderId(),
                channel,
                cancelled.customerEmail(),
                cancelled.reason(),
                context.envelope().id(),
                now()));
    }

    private void record(Function<String, Notification> perChannel) {
        for (String channel : channels.enabled()) {
            Notification notification = perChannel.apply(channel);
            if (notifications.add(notification)) {
                log.debug("Notification {} {} via {} pending", notification.id(), notification.outcome(), channel);
            } else {
                log.debug("Order already has a {} notification via {}", notification.outcome(), channel);
            }
        }
    }

    private Instant now() {
        return clock.instant();
    }
}
