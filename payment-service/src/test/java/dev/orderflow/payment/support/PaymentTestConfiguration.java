package dev.orderflow.payment.support;

import dev.orderflow.messaging.testkit.ServiceTestKit;
import dev.orderflow.testsupport.SandboxPartners;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** The real sandbox provider (one process per test JVM), and the kit tests drive the service with. */
@TestConfiguration(proxyBeanMethods = false)
public class PaymentTestConfiguration {

    @Bean
    SandboxPartners sandboxPartners() {
        return SandboxPartners.shared();
    }

    @Bean
    DynamicPropertyRegistrar sandboxProviderUrl(SandboxPartners sandbox) {
        return registry -> registry.add("spring.http.serviceclient.provider.base-url", sandbox::baseUrl);
    }

    @Bean
    PaymentTestKit paymentTestKit(ApplicationContext context) {
        return new PaymentTestKit(ServiceTestKit.create(PaymentTestKit.GROUP, context));
    }
}
