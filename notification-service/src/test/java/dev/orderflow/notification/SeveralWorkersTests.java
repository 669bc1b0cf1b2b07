package dev.orderflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.incident.CompensationIncidents;
import dev.orderflow.messaging.partner.PartnerActions;
import dev.orderflow.messaging.partner.PartnerWork;
import dev.orderflow.messaging.tracing.TraceContextPropagation;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSender;

/** Replicas each run a partner worker on the same table: every notification is still taken and sent once. */
@NotificationIntegrationTest
class SeveralWorkersTests {

    private final NotificationTestKit kit;
    private final TestMailServer mail;
    private final List<PartnerWork> replicas = new ArrayList<>();

    SeveralWorkersTests(
            NotificationTestKit kit,
            TestMailServer mail,
            JavaMailSender mailSender,
            NotificationProperties notifications,
            NotificationStep step,
            CompensationIncidents incidents,
            MessagingProperties properties,
            MeterRegistry meters) {
        this.kit = kit;
        this.mail = mail;
        // Three more replicas besides the context's own worker, on the same database, each with its own email channel
        // (and so its own call slots).
        for (int i = 0; i < 3; i++) {
            PartnerActions deliveries =
                    NotificationHandlers.deliveries(List.of(new EmailChannel(mailSender, notifications)), step);
            replicas.add(PartnerWork.create(
                    kit.jdbc(),
                    deliveries::actions,
                    kit.transactions(),
                    incidents,
                    properties.partnerWork(),
                    Clock.systemUTC(),
                    TraceContextPropagation.passThrough(),
                    meters));
        }
    }

    @AfterEach
    void stopReplicas() {
        replicas.forEach(PartnerWork::stop);
    }

    @Test
    void workersOfSeveralReplicasSendEachNotificationOnce() {
        replicas.forEach(PartnerWork::start);
        List<Notification> pending = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            pending.add(Notification.confirmed(
                    UUID.randomUUID(),
                    EmailChannel.NAME,
                    "replica-" + i + "@example.com",
                    new BigDecimal("1.00"),
                    "EUR",
                    UUID.randomUUID(),
                    Clock.systemUTC().instant()));
        }

        kit.addAll(pending);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> pending.stream()
                        .allMatch(n ->
                                kit.notification(n.orderId(), EmailChannel.NAME).status() == NotificationStatus.SENT));
        for (Notification n : pending) {
            assertThat(kit.delivery(n.orderId(), EmailChannel.NAME).attempts())
                    .as("claims of %s", n.id())
                    .isEqualTo(1);
            assertThat(mail.messagesWithId(n.messageId()))
                    .as("emails %s", n.messageId())
                    .hasSize(1);
        }
    }
}
