package dev.orderflow.shipping;

import dev.orderflow.events.EventTypes;
import dev.orderflow.messaging.EventHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What shipping-service consumes, and which step each event is. */
@Configuration(proxyBeanMethods = false)
class ShippingHandlers {

    static final String GROUP = "shipping-service";

    @Bean
    EventHandlers shippingServiceHandlers(ShippingService shipping) {
        return EventHandlers.group(GROUP)
                .on(EventTypes.PAYMENT_AUTHORIZED, shipping::intendBooking)
                .on(EventTypes.ORDER_CANCELLED, shipping::cancel)
                .build();
    }
}
