package dev.orderflow.notification;

import dev.orderflow.events.EventTypes;
import dev.orderflow.messaging.EventHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What notification-service consumes: the two terminal outcomes of an order. */
@Configuration(proxyBeanMethods = false)
class OrderEventHandlers {

    static final String GROUP = "notification-service";

    @Bean
    EventHandlers notificationHandlers(OrderOutcomes outcomes) {
        return EventHandlers.group(GROUP)
                .on(EventTypes.ORDER_COMPLETED, outcomes::completed)
                .on(EventTypes.ORDER_CANCELLED, outcomes::cancelled)
                .build();
    }
}
