package dev.orderflow.payment.support;

import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.transaction.support.TransactionTemplate;

/** The fake provider, started before the service binds its base URL, and the kit tests drive the service with. */
@TestConfiguration(proxyBeanMethods = false)
public class PaymentTestConfiguration {

    @Bean(destroyMethod = "close")
    FakeProvider fakeProvider() {
        return FakeProvider.start();
    }

    @Bean
    DynamicPropertyRegistrar fakeProviderUrl(FakeProvider fakeProvider) {
        return registry -> registry.add("orderflow.partners.provider.base-url", fakeProvider::baseUrl);
    }

    @Bean
    PaymentTestKit paymentTestKit(
            Outbox outbox,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            MessagingProperties properties,
            MeterRegistry meters,
            Environment environment,
            KafkaTemplate<String, byte[]> orderflowKafkaTemplate) {
        return new PaymentTestKit(outbox, transactions, jdbc, properties, meters, environment, orderflowKafkaTemplate);
    }
}
