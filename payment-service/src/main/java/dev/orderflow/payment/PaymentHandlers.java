package dev.orderflow.payment;

import dev.orderflow.events.EventTypes;
import dev.orderflow.messaging.EventHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What payment-service consumes, and which step each event is. */
@Configuration(proxyBeanMethods = false)
class PaymentHandlers {

    static final String GROUP = "payment-service";

    @Bean
    EventHandlers paymentServiceHandlers(PaymentService payments) {
        return EventHandlers.group(GROUP)
                .on(EventTypes.STOCK_RESERVED, payments::intendCharge)
                .on(EventTypes.ORDER_CANCELLED, payments::cancel)
                .build();
    }
}
