package dev.orderflow.notification;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OWASP API7:2023 Server Side Request Forgery: the webhook, the one URL an operator configures for outgoing calls, may
 * only target allowed hosts, over HTTPS unless plain HTTP is allowed, with no credentials in the URL; checked at start.
 */
class WebhookCallsOnlyAllowedHostsTests {

    @Test
    void anAllowedHttpsHostIsAccepted() {
        assertThatNoException()
                .isThrownBy(() -> WebhookChannel.requireAllowedTarget(
                        webhook("https://hooks.example.com/orderflow", List.of("hooks.example.com"), false)));
        assertThatNoException()
                .isThrownBy(() -> WebhookChannel.requireAllowedTarget(
                        webhook("https://HOOKS.example.com:8443/x", List.of(" hooks.example.com "), false)));
    }

    @Test
    void aHostOffTheAllowListIsRefusedAtStartUp() {
        assertThatIllegalStateException()
                .isThrownBy(() -> WebhookChannel.requireAllowedTarget(
                        webhook("https://169.254.169.254/latest/meta-data", List.of("hooks.example.com"), false)))
                .withMessageContaining("169.254.169.254")
                .withMessageContaining("allowed-hosts");
        assertThatIllegalStateException()
                .isThrownBy(() -> WebhookChannel.requireAllowedTarget(
                        webhook("https://hooks.example.com.evil.test/x", List.of("hooks.example.com"), false)));
        assertThatIllegalStateException()
                .isThrownBy(() ->
                        WebhookChannel.requireAllowedTarget(webhook("https://hooks.example.com/x", List.of(), false)));
    }

    @Test
    void plainHttpNeedsToBeAllowedExplicitly() {
        assertThatIllegalStateException()
                .isThrownBy(() -> WebhookChannel.requireAllowedTarget(
                        webhook("http://hooks.example.com/x", List.of("hooks.example.com"), false)))
                .withMessageContaining("https");
        assertThatNoException()
                .isThrownBy(() -> WebhookChannel.requireAllowedTarget(
                        webhook("http://127.0.0.1:9000/x", List.of("127.0.0.1"), true)));
        assertThatIllegalStateException()
                .isThrownBy(
                        () -> WebhookChannel.requireAllowedTarget(webhook("file:///etc/passwd", List.of(""), true)));
    }

    @Test
    void credentialsInTheUrlAreRefused() {
        assertThatIllegalStateException()
                .isThrownBy(() -> WebhookChannel.requireAllowedTarget(
                        webhook("https://user:pw@hooks.example.com/x", List.of("hooks.example.com"), false)))
                .withMessageContaining("credentials");
    }

    private static NotificationProperties.Webhook webhook(String url, List<String> hosts, boolean plainHttp) {
        return new NotificationProperties.Webhook(
                URI.create(url), "secret", Duration.ofSeconds(2), Duration.ofSeconds(5), hosts, plainHttp);
    }
}
