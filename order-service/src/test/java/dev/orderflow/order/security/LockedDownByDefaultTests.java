package dev.orderflow.order.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.order.support.OrderServiceOnRealPorts;
import dev.orderflow.testsupport.TestIdentityProvider;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * OWASP API8:2023 Security Misconfiguration. The operations endpoints live on a management port of their own and only
 * health, info and prometheus exist there; the API port serves none of them. Errors carry no stack trace, exception
 * or class name. CORS is closed: no browser on another origin is let in unless configured.
 */
@OrderServiceOnRealPorts
class LockedDownByDefaultTests {

    private final String token = TestIdentityProvider.shared().clientToken();

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    private RealHttp api;
    private RealHttp management;

    @BeforeEach
    void connect() {
        api = new RealHttp(port);
        management = new RealHttp(managementPort);
    }

    @Test
    void operationsEndpointsAreOnTheManagementPortOnly() {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(management.get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(management.get("/actuator/health/readiness", null).statusCode())
                .isEqualTo(200);
        assertThat(management.get("/actuator/prometheus", null).body()).contains("orderflow_");

        // No rule names them on the API port: refused even with every scope (deny by default).
        assertThat(api.get("/actuator/health", token).statusCode()).isEqualTo(403);
        assertThat(api.get("/actuator/prometheus", token).statusCode()).isEqualTo(403);
        assertThat(api.get("/actuator/health", null).statusCode()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "env",
                "configprops",
                "beans",
                "heapdump",
                "threaddump",
                "loggers",
                "mappings",
                "metrics",
                "shutdown",
                "caches",
                "scheduledtasks"
            })
    void noOtherOperationsEndpointIsExposed(String endpoint) {
        assertThat(management.get("/actuator/" + endpoint, token).statusCode()).isIn(403, 404);
        assertThat(management.get("/actuator/" + endpoint, null).statusCode()).isIn(401, 403, 404);
    }

    @Test
    void errorsCarryNoInternals() {
        HttpResponse<String> malformed = api.post("/api/orders", token, "{\"customerId\": [[[");
        HttpResponse<String> badId = api.get("/api/orders/not-a-uuid", token);
        HttpResponse<String> unknownPath = api.get("/api/nothing-here", token);

        for (HttpResponse<String> response : java.util.List.of(malformed, badId, unknownPath)) {
            assertThat(response.statusCode()).isBetween(400, 499);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body())
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ")
                    .doesNotContain("trace\":")
                    .doesNotContain("dev.orderflow")
                    .doesNotContain("org.springframework");
        }
    }

    @Test
    void corsIsClosedByDefault() {
        HttpResponse<String> preflight = api.send(api.request("/api/orders", null)
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
        HttpResponse<String> simple = api.send(api.request("/api/orders?customerId=x", token)
                .header("Origin", "https://evil.example")
                .GET()
                .build());

        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void responsesTellBrowsersNotToSniffOrFrame() {
        HttpResponse<String> response = api.get("/api/orders?customerId=x", token);

        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }
}
