package dev.orderflow.shipping;

import dev.orderflow.events.EventTypes;
import dev.orderflow.messaging.EventHandlers;
import dev.orderflow.messaging.partner.PartnerActions;
import dev.orderflow.shipping.carrier.BookingRequest;
import dev.orderflow.shipping.carrier.CancelRequest;
import dev.orderflow.shipping.carrier.Carrier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What shipping-service consumes, the carrier calls it makes, and which step of {@link ShippingStep} each one is. */
@Configuration(proxyBeanMethods = false)
class ShippingHandlers {

    static final String GROUP = "shipping-service";

    @Bean
    EventHandlers shippingServiceHandlers(ShippingStep step) {
        return EventHandlers.group(GROUP)
                .on(EventTypes.PAYMENT_AUTHORIZED, step::intendBooking)
                .on(EventTypes.ORDER_CANCELLED, step::cancel)
                .build();
    }

    @Bean
    PartnerActions carrierCalls(ShippingStep step, Carrier carrier) {
        return PartnerActions.of(
                PartnerActions.action(ShippingStep.BOOK, carrier.calls(), BookingRequest.class)
                        .call(carrier::book)
                        .lookup(carrier::findBooking)
                        .lock(step::lock)
                        .completed(step::booked)
                        .voided(step::bookingVoided)
                        .build(),
                PartnerActions.action(ShippingStep.CANCEL_BOOKING, carrier.calls(), CancelRequest.class)
                        .compensation()
                        .call(carrier::cancel)
                        .lock(step::lock)
                        .completed(step::cancelledByCarrier)
                        .build());
    }
}
