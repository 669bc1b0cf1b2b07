package dev.orderflow.order.web;

import static dev.orderflow.order.support.OrderTestKit.customer;
import static dev.orderflow.order.support.OrderTestKit.lines;
import static dev.orderflow.order.support.OrderTestKit.orderBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.order.support.OrderServiceIntegrationTest;
import dev.orderflow.order.support.OrderTestKit;
import dev.orderflow.testsupport.TestIdentityProvider;
import dev.orderflow.web.limits.ApiLimitsProperties;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.json.JsonMapper;

/**
 * OWASP API4:2023 Unrestricted Resource Consumption: the API's own limits. Writes per client (token subject) per
 * period and requests in flight are shed with 429 and Retry-After; bodies, JSON nesting, strings and pages are bounded.
 * Small load-shedding limits here, so a test reaches them deterministically: 3 writes per client per minute, 2
 * requests in flight.
 */
@OrderServiceIntegrationTest
@TestPropertySource(
        properties = {
            "orderflow.api.load-shedding.per-client-rate=3",
            "orderflow.api.load-shedding.rate-period=1m",
            "orderflow.api.load-shedding.max-in-flight=2"
        })
class RequestsBeyondTheApiLimitsAreRefusedTests {

    private final MockMvc mvc;
    private final OrderTestKit kit;
    private final Bulkhead inFlight;
    private final JsonMapper json;

    RequestsBeyondTheApiLimitsAreRefusedTests(
            MockMvc mvc, OrderTestKit kit, BulkheadRegistry bulkheads, ApiLimitsProperties limits, JsonMapper json) {
        this.json = json;
        this.mvc = mvc;
        this.kit = kit;
        this.inFlight = bulkheads.bulkhead(limits.loadShedding().bulkhead());
    }

    @Test
    void tokenSubjectBeyondItsWriteRateGets429WithRetryAfterWhileOtherClientsAndReadsGoOn() throws Exception {
        double shedBefore = kit.counter("orderflow.orders.shed", "reason", "client-rate");
        String client = "shop-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            mvc.perform(placement(client)).andExpect(status().isAccepted());
        }

        mvc.perform(placement(client))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "60"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Too many requests"))
                .andExpect(jsonPath("$.status").value(429))
                .andExpect(jsonPath("$.detail").value("Too many requests from this client; at most 3 per 60000 ms"));

        mvc.perform(placement("other-shop-" + UUID.randomUUID())).andExpect(status().isAccepted());
        mvc.perform(get("/api/orders").param("customerId", "nobody").header(HttpHeaders.AUTHORIZATION, bearer(client)))
                .andExpect(status().isOk());
        assertThat(kit.counter("orderflow.orders.shed", "reason", "client-rate"))
                .isEqualTo(shedBefore + 1);
    }

    @Test
    void requestsBeyondTheInFlightLimitGet429AtOnceAndAreServedAgainWhenThereIsRoom() throws Exception {
        double shedBefore = kit.counter("orderflow.orders.shed", "reason", "in-flight");
        assertThat(inFlight.tryAcquirePermission()).isTrue();
        assertThat(inFlight.tryAcquirePermission()).isTrue();
        try {
            mvc.perform(get("/api/orders").param("customerId", "nobody"))
                    .andExpect(status().isTooManyRequests())
                    .andExpect(header().string("Retry-After", "1"))
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
            mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        } finally {
            inFlight.onComplete();
            inFlight.onComplete();
        }

        mvc.perform(get("/api/orders").param("customerId", "nobody")).andExpect(status().isOk());
        assertThat(inFlight.getMetrics().getAvailableConcurrentCalls()).isEqualTo(2);
        assertThat(kit.counter("orderflow.orders.shed", "reason", "in-flight")).isEqualTo(shedBefore + 1);
    }

    @Test
    void bodyOverTheLimitIs413BeforeItIsParsed() throws Exception {
        String body =
                orderBody(customer("api4-big"), lines("SKU-1", 1)).replace("\"Ana\"", "\"" + "A".repeat(70_000) + "\"");

        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void deeplyNestedJsonIsRefusedByTheApisJsonReader() {
        // The order body fails on the first unexpected token long before any depth, so the limit is shown on the
        // mapper every HTTP message converter of the service reads with.
        String nested = "[".repeat(40) + "]".repeat(40);

        assertThatThrownBy(() -> json.readTree(nested)).isInstanceOf(StreamConstraintsException.class);
        assertThat(json.readTree("[".repeat(20) + "]".repeat(20)).isArray()).isTrue();
    }

    @Test
    void overlongStringIsRefusedWithoutEchoingIt() throws Exception {
        String body = orderBody(customer("api4-long"), lines("SKU-1", 1)).replace("Berlin", "B".repeat(20_000));

        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(not(containsString("BBBB"))));
    }

    @Test
    void pagesAreClampedTo100() throws Exception {
        mvc.perform(get("/api/orders").param("customerId", "nobody").param("size", "100000"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page.size").value(100));
    }

    private static MockHttpServletRequestBuilder placement(String client) {
        return post("/api/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .content(orderBody(customer("rate"), lines("SKU-1", 1)))
                .header(HttpHeaders.AUTHORIZATION, bearer(client));
    }

    /** The client is the token's subject, wherever it calls from: every request here comes from one address. */
    private static String bearer(String client) {
        String token = TestIdentityProvider.shared()
                .token()
                .subject(client)
                .clientId(client)
                .scopes(
                        TestIdentityProvider.ORDERS_WRITE,
                        TestIdentityProvider.ORDERS_READ,
                        TestIdentityProvider.ORDERS_ANY_CUSTOMER)
                .sign();
        return "Bearer " + token;
    }
}
