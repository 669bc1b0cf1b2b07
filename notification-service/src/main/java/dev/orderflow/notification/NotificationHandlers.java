package dev.orderflow.notification;

import dev.orderflow.events.EventTypes;
import dev.orderflow.messaging.EventHandlers;
import dev.orderflow.messaging.partner.PartnerAction;
import dev.orderflow.messaging.partner.PartnerActions;
import java.util.Collection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What notification-service consumes (the two terminal outcomes of an order), the deliveries it makes (one partner work
 * action per enabled channel, named by {@link Channels#action}), and which step of {@link NotificationStep} each is.
 * Mail and webhooks offer no lookup: their stable message id lets the receiver drop a repeated delivery.
 */
@Configuration(proxyBeanMethods = false)
class NotificationHandlers {

    static final String GROUP = "notification-service";

    @Bean
    EventHandlers notificationServiceHandlers(NotificationStep step) {
        return EventHandlers.group(GROUP)
                .on(EventTypes.ORDER_COMPLETED, step::completed)
                .on(EventTypes.ORDER_CANCELLED, step::cancelled)
                .build();
    }

    @Bean
    PartnerActions notificationDeliveries(Channels channels, NotificationStep step) {
        return deliveries(channels.enabledChannels(), step);
    }

    static PartnerActions deliveries(Collection<NotificationChannel> channels, NotificationStep step) {
        return PartnerActions.of(channels.stream()
                .map(channel -> PartnerActions.action(
                                Channels.action(channel.name()), channel.partner(), Delivery.class)
                        .call((delivery, work, permit) -> {
                            channel.deliver(delivery, permit);
                            return delivery;
                        })
                        .lock(step::lock)
                        .completed(step::delivered)
                        .build())
                .toArray(PartnerAction<?, ?>[]::new));
    }
}
