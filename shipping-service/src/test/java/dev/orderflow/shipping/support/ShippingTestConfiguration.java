package dev.orderflow.shipping.support;

import dev.orderflow.messaging.testkit.ServiceTestKit;
import dev.orderflow.testsupport.SandboxPartners;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

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
    ShippingTestKit shippingTestKit(ApplicationContext context) {
        return new ShippingTestKit(ServiceTestKit.create(ShippingTestKit.GROUP, context));
    }
}
