package dev.orderflow.order;

import dev.orderflow.events.EventTypes;
import dev.orderflow.messaging.EventHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The events order-service consumes, and which reaction of the saga each one triggers. */
@Configuration(proxyBeanMethods = false)
class SagaHandlers {

    static final String GROUP = "order-service";

    @Bean
    EventHandlers orderServiceHandlers(OrderSaga saga) {
        return EventHandlers.group(GROUP)
                .on(EventTypes.STOCK_RESERVED, saga::stockReserved)
                .on(EventTypes.STOCK_REJECTED, saga::stockRejected)
                .on(EventTypes.STOCK_RELEASED, saga::note)
                .on(EventTypes.PAYMENT_AUTHORIZED, saga::paymentAuthorized)
                .on(EventTypes.PAYMENT_DECLINED, saga::paymentDeclined)
                .on(EventTypes.PAYMENT_AUTHORIZED_AFTER_CANCELLATION, saga::note)
                .on(EventTypes.PAYMENT_REFUNDED, saga::note)
                .on(EventTypes.SHIPMENT_SCHEDULED, saga::shipmentScheduled)
                .on(EventTypes.SHIPMENT_FAILED, saga::shipmentFailed)
                .on(EventTypes.SHIPMENT_CANCELLED, saga::note)
                .build();
    }
}
