package dev.orderflow.notification;

import dev.orderflow.events.EventJson;
import dev.orderflow.messaging.partner.PartnerCalls;
import dev.orderflow.messaging.partner.PartnerHttp;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Posts each notification as JSON to a configured HTTPS endpoint (a merchant's system, a chat bridge), signed with
 * HMAC-SHA256 so the receiver knows it came from Orderflow and was not altered or replayed:
 * {@code Orderflow-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the shared secret>}. The body
 * carries no personal data (no email). {@code Orderflow-Delivery} is the notification id, the same on every attempt, so
 * the receiver de-duplicates repeated deliveries (at least once). Calls go through the {@code webhook} guard (bulkhead,
 * circuit breaker, time limit); retries are partner work's, with backoff. A failing webhook only delays its own
 * notifications: other channels are delivered concurrently and nothing is rolled back.
 */
@Component
class WebhookChannel implements NotificationChannel {

    static final String NAME = "webhook";
    static final String PARTNER = "webhook";
    static final String SIGNATURE_HEADER = "Orderflow-Signature";
    static final String DELIVERY_HEADER = "Orderflow-Delivery";
    static final String ALGORITHM = "HmacSHA256";

    /** What the receiver gets; money as a decimal string, as in every Orderflow API. */
    record Payload(
            UUID notificationId,
            String messageId,
            UUID orderId,
            Outcome outcome,
            @Nullable String reason,
            @Nullable String total,
            @Nullable String currency,
            String subject,
            String text) {

        static Payload of(Delivery delivery) {
            NotificationMessage message = NotificationMessage.of(delivery);
            return new Payload(
                    delivery.notificationId(),
                    delivery.messageId(),
                    delivery.orderId(),
                    delivery.outcome(),
                    delivery.reason(),
                    delivery.total() == null ? null : delivery.total().toPlainString(),
                    delivery.currency(),
                    message.subject(),
                    message.text());
        }
    }

    private final NotificationProperties.Webhook settings;
    private final PartnerCalls partner;
    private final Clock clock;
    private final @Nullable RestClient rest;

    /**
     * The client is Boot's (observed, {@code spring.http.clients.*}) with the webhook's own time-outs, and it never
     * follows a redirect: the SSRF guard checks the one configured URL, and a redirect could lead anywhere.
     */
    WebhookChannel(
            NotificationProperties properties,
            RestClient.Builder http,
            ClientHttpRequestFactoryBuilder<?> requestFactories,
            HttpClientSettings httpSettings,
            CircuitBreakerRegistry circuitBreakers,
            BulkheadRegistry bulkheads,
            TimeLimiterRegistry timeLimiters,
            Clock clock) {
        this.settings = properties.webhook();
        this.partner = PartnerCalls.of(PARTNER, circuitBreakers, bulkheads, timeLimiters);
        this.clock = clock;
        URI url = settings.url();
        this.rest = url == null
                ? null
                : http.baseUrl(url)
                        .messageConverters(converters -> {
                            converters.clear();
                            converters.addAll(PartnerHttp.messageConverters());
                        })
                        .requestFactory(requestFactories.build(httpSettings
                                .withTimeouts(settings.connectTimeout(), settings.readTimeout())
                                .withRedirects(HttpRedirects.DONT_FOLLOW)))
                        .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void requireConfigured() {
        if (settings.url() == null
                || settings.secret() == null
                || settings.secret().isBlank()) {
            throw new IllegalStateException("The webhook channel needs orderflow.notifications.webhook.url and"
                    + " orderflow.notifications.webhook.secret");
        }
        requireAllowedTarget(settings);
    }

    /**
     * The SSRF guard: the webhook posts only to a host on {@code orderflow.notifications.webhook.allowed-hosts}, over
     * HTTPS unless plain HTTP is explicitly allowed, with no credentials in the URL. Checked at start-up, so a
     * misconfigured target stops the service instead of reaching an internal address.
     */
    static void requireAllowedTarget(NotificationProperties.Webhook settings) {
        URI url = Objects.requireNonNull(settings.url());
        String scheme = String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && settings.allowPlainHttp())) {
            throw new IllegalStateException("orderflow.notifications.webhook.url must be https"
                    + " (http only with orderflow.notifications.webhook.allow-plain-http): " + url);
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalStateException("orderflow.notifications.webhook.url must not carry credentials");
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        boolean allowed = settings.allowedHosts().stream()
                .anyMatch(
                        candidate -> candidate.strip().toLowerCase(Locale.ROOT).equals(host));
        if (!allowed) {
            throw new IllegalStateException("The webhook host '" + host + "' is not in"
                    + " orderflow.notifications.webhook.allowed-hosts " + settings.allowedHosts());
        }
    }

    @Override
    public PartnerCalls partner() {
        return partner;
    }

    @Override
    public void deliver(Delivery delivery, PartnerCalls.Permit permit) {
        requireConfigured();
        RestClient client = Objects.requireNonNull(rest);
        byte[] body = EventJson.mapper().writeValueAsBytes(Payload.of(delivery));
        String signature = signature(Objects.requireNonNull(settings.secret()), clock.instant(), body);
        permit.call(
                "delivery",
                () -> client.post()
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(SIGNATURE_HEADER, signature)
                        .header(DELIVERY_HEADER, delivery.notificationId().toString())
                        .body(body)
                        .retrieve()
                        .toBodilessEntity());
    }

    /** {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}; receivers recompute it and compare. */
    static String signature(String secret, Instant at, byte[] body) {
        String timestamp = Long.toString(at.getEpochSecond());
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
