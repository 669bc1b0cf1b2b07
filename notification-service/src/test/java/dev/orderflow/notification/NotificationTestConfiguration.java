package dev.orderflow.notification;

import dev.orderflow.messaging.testkit.ServiceTestKit;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** The test context's SMTP server with Spring Mail pointed at it, and the kit tests drive the service with. */
@TestConfiguration(proxyBeanMethods = false)
class NotificationTestConfiguration {

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

    @Bean
    NotificationTestKit notificationTestKit(
            Notifications notifications, NotificationStep step, ApplicationContext context) {
        return new NotificationTestKit(ServiceTestKit.create(NotificationHandlers.GROUP, context), notifications, step);
    }
}
