package dev.orderflow.notification;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** The test context's SMTP server, and Spring Mail pointed at it. */
@TestConfiguration(proxyBeanMethods = false)
class TestMailServerConfiguration {

    @Bean(destroyMethod = "stop")
    TestMailServer testMailServer() {
        return TestMailServer.start();
    }

    @Bean
    DynamicPropertyRegistrar mailServerProperties(TestMailServer server) {
        return registry -> {
            registry.add("spring.mail.host", () -> "127.0.0.1");
            registry.add("spring.mail.port", server::port);
        };
    }
}
