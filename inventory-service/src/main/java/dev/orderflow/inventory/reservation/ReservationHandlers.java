package dev.orderflow.inventory.reservation;

import dev.orderflow.events.EventTypes;
import dev.orderflow.messaging.EventHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What inventory's consumer group handles; every other event type is skipped by the messaging module. */
@Configuration(proxyBeanMethods = false)
class ReservationHandlers {

    static final String GROUP = "inventory-service";

    @Bean
    EventHandlers inventoryHandlers(StockReservations reservations) {
        return EventHandlers.group(GROUP)
                .on(EventTypes.ORDER_PLACED, reservations::reserve)
                .on(EventTypes.ORDER_CANCELLED, reservations::release)
                .on(EventTypes.ORDER_COMPLETED, reservations::complete)
                .build();
    }
}
