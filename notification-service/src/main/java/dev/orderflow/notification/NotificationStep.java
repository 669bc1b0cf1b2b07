package dev.orderflow.notification;

import dev.orderflow.events.InvalidPayloadException;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.order.OrderCompleted;
import dev.orderflow.messaging.Causation;
import dev.orderflow.messaging.EventContext;
import dev.orderflow.messaging.partner.PartnerWork;
import dev.orderflow.messaging.partner.PartnerWorkItem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Notification's part of the saga, intent → call → result. An order's outcome becomes one pending notification per
 * enabled channel, each with the partner work that delivers it, in the inbox transaction; a repeated outcome adds
 * nothing. Partner work delivers after commit, at least once, and each delivery comes back to {@link #delivered}.
 */
@Service
class NotificationStep {

    private static final Logger log = LoggerFactory.getLogger(NotificationStep.class);

    /** A reason is a code (see CancellationReasons); anything else breaks the contract. New codes are accepted. */
    private static final Pattern REASON_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final Notifications notifications;
    private final Channels channels;
    private final PartnerWork partnerWork;
    private final Clock clock;
    private final MeterRegistry meters;

    NotificationStep(
            Notifications notifications,
            Channels channels,
            PartnerWork partnerWork,
            Clock clock,
            MeterRegistry meters) {
        this.notifications = notifications;
        this.channels = channels;
        this.partnerWork = partnerWork;
        this.clock = clock;
        this.meters = meters;
    }

    @Transactional
    void completed(OrderCompleted completed, EventContext context) {
        record(
                channel -> Notification.confirmed(
                        completed.orderId(),
                        channel,
                        completed.customerEmail(),
                        completed.total(),
                        completed.currency(),
                        context.envelope().id(),
                        clock.instant()),
                context.causation());
    }

    @Transactional
    void cancelled(OrderCancelled cancelled, EventContext context) {
        if (!REASON_CODE.matcher(cancelled.reason()).matches()) {
            throw new InvalidPayloadException("OrderCancelled reason is not a reason code");
        }
        record(
                channel -> Notification.cancelled(
                        cancelled.orderId(),
                        channel,
                        cancelled.customerEmail(),
                        cancelled.reason(),
                        context.envelope().id(),
                        clock.instant()),
                context.causation());
    }

    /**
     * Adds a notification and, if it is new, the partner work that delivers it (keyed by the notification id), in the
     * caller's transaction.
     */
    void add(Notification notification, Causation causation) {
        if (notifications.add(notification)) {
            partnerWork.schedule(
                    Channels.action(notification.channel()),
                    notification.orderId(),
                    notification.id().toString(),
                    notification.delivery(),
                    causation);
            log.debug(
                    "Notification {} {} via {} pending",
                    notification.id(),
                    notification.outcome(),
                    notification.channel());
        } else {
            log.debug("Order already has a {} notification via {}", notification.outcome(), notification.channel());
        }
    }

    /** The first step of every delivery result: the order's notifications, locked. */
    void lock(UUID orderId) {
        notifications.lockOrder(orderId);
    }

    /** The channel delivered the notification: SENT, counted once the transaction committed. */
    PartnerWorkItem.Status delivered(PartnerWorkItem work, Delivery delivery) {
        Notification notification = notifications
                .find(delivery.notificationId())
                .orElseThrow(() -> new IllegalStateException("no notification " + delivery.notificationId()));
        if (notification.status() != NotificationStatus.PENDING) {
            log.info("Notification {} was already {}", notification.id(), notification.status());
            return PartnerWorkItem.Status.DONE;
        }
        notifications.update(notification.sent(clock.instant()));
        Counter sent = Counter.builder("orderflow.notifications.sent")
                .description("Notifications delivered")
                .tag("channel", notification.channel())
                .tag("outcome", notification.outcome().name())
                .register(meters);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sent.increment();
            }
        });
        return PartnerWorkItem.Status.DONE;
    }

    private void record(Function<String, Notification> perChannel, Causation causation) {
        for (String channel : channels.enabled()) {
            add(perChannel.apply(channel), causation);
        }
    }
}
