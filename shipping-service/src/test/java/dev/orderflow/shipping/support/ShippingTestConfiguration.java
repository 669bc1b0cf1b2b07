package dev.orderflow.shipping.support;

import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.messaging.partner.PartnerWork;
import dev.orderflow.messaging.testkit.ServiceTestKit;
import dev.orderflow.testsupport.SandboxPartners;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.transaction.support.TransactionTemplate;

/** The real sandbox carrier (one process per test JVM), and the kit tests drive the service with. */
@TestConfiguration(proxyBeanMethods = false)
public class ShippingTestConfiguration {

    @Bean
    SandboxPartners sandboxPartners() {
        return SandboxPartners.shared();
    }

    @Bean
    DynamicPropertyRegistrar sandboxCarrierUrl(SandboxPartners sandbox) {
        return registry -> registry.add("spring.http.serviceclient.carrier.base-url", sandbox::baseUrl);
    }

    @Bean
    ShippingTestKit shippingTestKit(
            Outbox outbox,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            MessagingProperties properties,
            MeterRegistry meters,
            Environment environment,
            KafkaTemplate<String, byte[]> orderflowKafkaTemplate,
            ObjectProvider<PartnerWork> partnerWork) {
        return new ShippingTestKit(ServiceTestKit.create(
                ShippingTestKit.GROUP,
                outbox,
                transactions,
                jdbc,
                properties,
                meters,
                environment,
                orderflowKafkaTemplate,
                partnerWork));
    }
}
