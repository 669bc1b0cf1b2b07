package dev.orderflow.shipping.support;

import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.transaction.support.TransactionTemplate;

/** The fake carrier, started before the service binds its base URL, and the kit tests drive the service with. */
@TestConfiguration(proxyBeanMethods = false)
public class ShippingTestConfiguration {

    @Bean(destroyMethod = "close")
    FakeCarrier fakeCarrier() {
        return FakeCarrier.start();
    }

    @Bean
    DynamicPropertyRegistrar fakeCarrierUrl(FakeCarrier fakeCarrier) {
        return registry -> registry.add("orderflow.partners.carrier.base-url", fakeCarrier::baseUrl);
    }

    @Bean
    ShippingTestKit shippingTestKit(
            Outbox outbox,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            MessagingProperties properties,
            MeterRegistry meters) {
        return new ShippingTestKit(outbox, transactions, jdbc, properties, meters);
    }
}
