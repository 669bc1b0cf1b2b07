package dev.orderflow.notification;

import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.messaging.partner.PartnerWork;
import dev.orderflow.messaging.testkit.ServiceTestKit;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.transaction.support.TransactionTemplate;

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
            Notifications notifications,
            NotificationStep step,
            Outbox outbox,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            MessagingProperties properties,
            MeterRegistry meters,
            Environment environment,
            KafkaTemplate<String, byte[]> orderflowKafkaTemplate,
            ObjectProvider<PartnerWork> partnerWork) {
        return new NotificationTestKit(
                ServiceTestKit.create(
                        NotificationHandlers.GROUP,
                        outbox,
                        transactions,
                        jdbc,
                        properties,
                        meters,
                        environment,
                        orderflowKafkaTemplate,
                        partnerWork),
                notifications,
                step);
    }
}
