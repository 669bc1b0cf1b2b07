package dev.orderflow.payment;

import dev.orderflow.events.EventTypes;
import dev.orderflow.messaging.EventHandlers;
import dev.orderflow.messaging.partner.PartnerActions;
import dev.orderflow.payment.provider.ChargeRequest;
import dev.orderflow.payment.provider.PaymentProvider;
import dev.orderflow.payment.provider.RefundRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What payment-service consumes, the provider calls it makes, and which step of {@link PaymentStep} each one is. */
@Configuration(proxyBeanMethods = false)
class PaymentHandlers {

    static final String GROUP = "payment-service";

    @Bean
    EventHandlers paymentServiceHandlers(PaymentStep step) {
        return EventHandlers.group(GROUP)
                .on(EventTypes.STOCK_RESERVED, step::intendCharge)
                .on(EventTypes.ORDER_CANCELLED, step::cancel)
                .build();
    }

    @Bean
    PartnerActions paymentProviderCalls(PaymentStep step, PaymentProvider provider) {
        return PartnerActions.of(
                PartnerActions.action(PaymentStep.CHARGE, provider.calls(), ChargeRequest.class)
                        .call(provider::charge)
                        .lookup(provider::findCharge)
                        .lock(step::lock)
                        .completed(step::charged)
                        .voided(step::chargeVoided)
                        .build(),
                PartnerActions.action(PaymentStep.REFUND, provider.calls(), RefundRequest.class)
                        .compensation()
                        .call(provider::refund)
                        .lock(step::lock)
                        .completed(step::refunded)
                        .build());
    }
}
