package dev.orderflow.localstack;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens from the sandbox identity provider of a local platform, for the platform's own clients (the demo
 * catalog, the system tests, the benchmark): client-credentials tokens of the storefront (orders:write orders:read
 * orders:any-customer) and the operator (orders:admin ops:read orders:read orders:any-customer), renewed a minute before
 * they expire, and customer tokens. orders:any-customer is the grant that lets a backend act for any customer. The
 * client secrets are the sandbox's LOCAL DEFAULTS unless SANDBOX_STOREFRONT_SECRET / SANDBOX_OPERATOR_SECRET say
 * otherwise, as in the sandbox itself.
 */
public final class SandboxTokens {

    public static final String STOREFRONT = "orderflow-storefront";
    public static final String OPERATOR = "orderflow-operator";

    private static final long RENEW_BEFORE_SECONDS = 60;

    private record Cached(String token, Instant renewAt) {}

    private final String issuer;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public SandboxTokens(String issuer) {
        this.issuer = issuer;
    }

    public String issuer() {
        return issuer;
    }

    /** A token of the shop backend: places, cancels and reads orders for any customer. */
    public String storefront() {
        return clientToken(STOREFRONT, secret("SANDBOX_STOREFRONT_SECRET", "local-storefront-secret"));
    }

    /** A token of the operator: catalog and stock, dead letters, incidents, and the read APIs. */
    public String operator() {
        return clientToken(OPERATOR, secret("SANDBOX_OPERATOR_SECRET", "local-operator-secret"));
    }

    /**
     * The token the platform's own client of that API path holds: the storefront's for the order API (it places
     * orders for many customers), the operator's for everything else (catalog, stock, admin and read APIs).
     */
    public String forPath(String path) {
        return path.startsWith("/api/orders") ? storefront() : operator();
    }

    /** A fresh token of one customer, from the sandbox's local customer login. */
    public String customer(String customerId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/sandbox/customer-tokens"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"customerId\":\"" + customerId.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}"))
                .build();
        return accessToken(request).token();
    }

    private String clientToken(String clientId, String secret) {
        Cached cached = cache.get(clientId);
        if (cached != null && Instant.now().isBefore(cached.renewAt())) {
            return cached.token();
        }
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode(scopes(clientId), StandardCharsets.UTF_8)))
                .build();
        Cached fresh = accessToken(request);
        cache.put(clientId, fresh);
        return fresh.token();
    }

    private static String scopes(String clientId) {
        return STOREFRONT.equals(clientId)
                ? "orders:write orders:read orders:any-customer"
                : "orders:admin ops:read orders:read orders:any-customer";
    }

    private Cached accessToken(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            Map<String, Object> body = JSONObjectUtils.parse(response.body());
            String token = (String) body.get("access_token");
            long expiresIn = ((Number) body.getOrDefault("expires_in", 300)).longValue();
            // A minute before it expires, or halfway for a token that lives less than two minutes.
            Instant renewAt = Instant.now().plusSeconds(expiresIn - Math.min(RENEW_BEFORE_SECONDS, expiresIn / 2));
            return new Cached(token, renewAt);
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("No token from " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while getting a token", e);
        }
    }

    private static String secret(String variable, String localDefault) {
        String configured = System.getenv(variable);
        return configured == null || configured.isBlank() ? localDefault : configured;
    }
}
