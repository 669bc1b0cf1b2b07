package dev.orderflow.notification;

import static dev.orderflow.notification.NotificationTestKit.CUSTOMER_EMAIL;
import static dev.orderflow.notification.NotificationTestKit.cancelled;
import static dev.orderflow.notification.NotificationTestKit.completed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.messaging.partner.PartnerWorkItem;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The webhook channel: signed deliveries, retries with backoff, a circuit breaker, no redirects followed, and no effect
 * on other channels.
 */
@NotificationIntegrationTest
@TestPropertySource(
        properties = {
            "orderflow.notifications.channels=log,email,webhook",
            "orderflow.notifications.webhook.secret=test-only-webhook-secret",
            "orderflow.notifications.webhook.allowed-hosts=127.0.0.1",
            "orderflow.notifications.webhook.allow-plain-http=true",
            "resilience4j.circuitbreaker.instances.webhook.wait-duration-in-open-state=1s",
            "resilience4j.timelimiter.instances.webhook.timeout-duration=2s"
        })
class WebhookNotificationTests {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String SECRET = "test-only-webhook-secret";
    private static final String ATTEMPTS = "orderflow.partner.attempts";
    private static final TestWebhookReceiver receiver = TestWebhookReceiver.start();

    private final NotificationTestKit kit;
    private final CircuitBreaker circuit;

    WebhookNotificationTests(NotificationTestKit kit, CircuitBreakerRegistry circuitBreakers) {
        this.kit = kit;
        this.circuit = circuitBreakers.circuitBreaker(WebhookChannel.PARTNER);
    }

    @DynamicPropertySource
    static void webhook(DynamicPropertyRegistry registry) {
        registry.add("orderflow.notifications.webhook.url", () -> receiver.url().toString());
    }

    @AfterEach
    void receiverIsBack() {
        receiver.answer(204);
        circuit.reset();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void webhookDeliveryIsSignedWithHmacSha256OverTimestampAndBody() {
        UUID orderId = UUID.randomUUID();

        kit.publish(completed(orderId));

        await().atMost(LIMIT).until(() -> kit.sent(orderId, "webhook"));
        Notification webhook = kit.notification(orderId, "webhook");
        TestWebhookReceiver.Received delivery = deliveriesOf(webhook.id()).getFirst();
        String body = new String(delivery.body(), StandardCharsets.UTF_8);
        String signature = delivery.header("Orderflow-Signature");
        assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
        String timestamp = signature.substring(2, signature.indexOf(','));
        // The documented scheme (docs/resilience.md), computed here as a receiver would, not by the sender's own code.
        assertThat(signature).isEqualTo("t=" + timestamp + ",v1=" + hmacSha256Hex(SECRET, timestamp + "." + body));
        assertThat(signature)
                .isNotEqualTo("t=" + timestamp + ",v1=" + hmacSha256Hex("another-secret", timestamp + "." + body));
        assertThat(body).contains(orderId.toString(), "CONFIRMED").doesNotContain(CUSTOMER_EMAIL);
        assertThat(delivery.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void aRedirectIsNeverFollowedSoTheWebhookReachesOnlyTheAllowedUrl() {
        receiver.answer(307);
        UUID orderId = UUID.randomUUID();

        kit.publish(completed(orderId));

        await().atMost(LIMIT)
                .until(() -> kit.partnerWork(orderId, "NOTIFY_WEBHOOK")
                        .filter(work -> work.attempts() >= 1 && work.status() != PartnerWorkItem.Status.IN_FLIGHT)
                        .isPresent());
        UUID notificationId = kit.notification(orderId, "webhook").id();
        assertThat(receiver.redirected())
                .noneMatch(r -> r.header(WebhookChannel.DELIVERY_HEADER).equals(notificationId.toString()));
    }

    @Test
    void failingWebhookIsRetriedWithBackoffOpensItsCircuitAndNeverHoldsUpOtherChannels() {
        double refusedBefore =
                kit.counter(ATTEMPTS, "action", "NOTIFY_WEBHOOK", "outcome", "retry", "dispatched", "false");
        receiver.answer(503);
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID orderId = UUID.randomUUID();
            orders.add(orderId);
            kit.publish(cancelled(orderId, "OUT_OF_STOCK"));
        }

        await().atMost(LIMIT).until(() -> circuit.getState() == CircuitBreaker.State.OPEN);
        for (UUID orderId : orders) {
            await().atMost(LIMIT).until(() -> kit.sent(orderId, "email"));
            assertThat(kit.notification(orderId, "log").status()).isEqualTo(NotificationStatus.SENT);
            assertThat(kit.notification(orderId, "webhook").status()).isEqualTo(NotificationStatus.PENDING);
        }
        // Those tried before the circuit opened failed with the receiver's 503 (refused before anything was done, by
        // the partner contract); the others were not even taken while the circuit was open.
        assertThat(orders.stream().map(o -> kit.delivery(o, "webhook"))).anySatisfy(webhook -> {
            assertThat(webhook.attempts()).isGreaterThanOrEqualTo(1);
            assertThat(webhook.lastError()).contains("503");
        });
        assertThat(kit.counter(ATTEMPTS, "action", "NOTIFY_WEBHOOK", "outcome", "retry", "dispatched", "false"))
                .isGreaterThan(refusedBefore);

        receiver.answer(204);

        for (UUID orderId : orders) {
            await().atMost(LIMIT).until(() -> kit.sent(orderId, "webhook"));
            Notification webhook = kit.notification(orderId, "webhook");
            assertThat(deliveriesOf(webhook.id())).isNotEmpty();
        }
        assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private static List<TestWebhookReceiver.Received> deliveriesOf(UUID notificationId) {
        return receiver.received().stream()
                .filter(r -> r.header(WebhookChannel.DELIVERY_HEADER).equals(notificationId.toString()))
                .toList();
    }

    private static String hmacSha256Hex(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
