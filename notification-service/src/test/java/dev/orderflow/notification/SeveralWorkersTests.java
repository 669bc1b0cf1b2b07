package dev.orderflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/** Replicas each run a dispatcher on the same table: every notification is still claimed and sent once. */
@NotificationIntegrationTest
class SeveralDispatchersTests {

    private final NotificationTestKit kit;
    private final TestMailServer mail;
    private final List<NotificationDispatcher> replicas = new ArrayList<>();

    SeveralDispatchersTests(
            NotificationTestKit kit,
            TestMailServer mail,
            Notifications notifications,
            Channels channels,
            TransactionTemplate transactions,
            NotificationProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.kit = kit;
        this.mail = mail;
        for (int i = 0; i < 3; i++) {
            replicas.add(new NotificationDispatcher(notifications, channels, transactions, properties, clock, meters));
        }
    }

    @Test
    void dispatchersOfSeveralReplicasSendEachNotificationOnce() throws Exception {
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

        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(replicas.size())) {
            List<Future<Integer>> runs = new ArrayList<>();
            for (NotificationDispatcher replica : replicas) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return replica.dispatchDue();
                }));
            }
            start.countDown();
            for (Future<Integer> run : runs) {
                run.get();
            }
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() -> pending.stream()
                        .allMatch(n ->
                                kit.notification(n.orderId(), EmailChannel.NAME).status() == NotificationStatus.SENT));
        for (Notification n : pending) {
            assertThat(kit.notification(n.orderId(), EmailChannel.NAME).attempts())
                    .as("claims of %s", n.id())
                    .isEqualTo(1);
            assertThat(mail.messagesWithId(n.messageId()))
                    .as("emails %s", n.messageId())
                    .hasSize(1);
        }
    }
}
