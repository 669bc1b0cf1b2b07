package dev.orderflow.messaging.housekeeping;

import static dev.orderflow.messaging.support.MessagingTestApplication.GROUP;
import static dev.orderflow.messaging.support.MessagingTestKit.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.messaging.support.MessagingIntegrationTest;
import dev.orderflow.messaging.support.MessagingTestKit;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The housekeeping passes run in a service (with the relay off, so a written row stays unpublished). */
@MessagingIntegrationTest
@TestPropertySource(properties = "orderflow.messaging.relay.enabled=false")
class HousekeepingMetricsTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final MessagingTestKit kit;
    private final MeterRegistry meters;

    HousekeepingMetricsTests(MessagingTestKit kit, MeterRegistry meters) {
        this.kit = kit;
        this.meters = meters;
    }

    @Test
    void theOutboxBacklogIsSampledAgainAfterRowsAreWritten() {
        kit.publish(orderPlaced(UUID.randomUUID(), "c-backlog"));

        await().atMost(WAIT)
                .until(() -> meters.get("orderflow.outbox.backlog").gauge().value() == kit.unpublishedRows());
        assertThat(kit.unpublishedRows()).isPositive();
    }

    @Test
    void theConsumerLagOfEveryGroupIsReported() {
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(meters.find("orderflow.consumer.lag").tag("group", GROUP).gauges())
                    .isNotEmpty();
            assertThat(meters.find("orderflow.consumer.lag")
                            .tag("group", GROUP + ".dead-letters")
                            .gauges())
                    .isNotEmpty();
        });
    }
}
