package dev.orderflow.order.web;

import static dev.orderflow.order.support.OrderTestKit.customer;
import static dev.orderflow.order.support.OrderTestKit.lines;
import static dev.orderflow.order.support.OrderTestKit.orderBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.order.support.OrderServiceIntegrationTest;
import dev.orderflow.order.support.OrderTestKit;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The API's own limits: writes per client per period, and requests in flight. Small limits, so a test reaches them
 * deterministically: 3 writes per client per minute, 2 requests in flight.
 */
@OrderServiceIntegrationTest
@TestPropertySource(
        properties = {
            "orderflow.orders.load-shedding.per-client-rate=3",
            "orderflow.orders.load-shedding.rate-period=1m",
            "orderflow.orders.load-shedding.max-in-flight=2"
        })
class LoadSheddingLimitsTests {

    private final MockMvc mvc;
    private final OrderTestKit kit;
    private final Bulkhead inFlight;

    LoadSheddingLimitsTests(MockMvc mvc, OrderTestKit kit, BulkheadRegistry bulkheads) {
        this.mvc = mvc;
        this.kit = kit;
        this.inFlight = bulkheads.bulkhead(LoadShedding.BULKHEAD);
    }

    @Test
    void clientBeyondItsWriteRateGets429WithRetryAfterWhileOtherClientsAndReadsGoOn() throws Exception {
        double shedBefore = kit.counter("orderflow.orders.shed", "reason", "client-rate");
        String client = "10.1.0." + (UUID.randomUUID().hashCode() & 0x7f);
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

        mvc.perform(placement("10.2.0.1")).andExpect(status().isAccepted());
        mvc.perform(get("/api/orders").param("customerId", "nobody").with(from(client)))
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

    private static MockHttpServletRequestBuilder placement(String client) {
        return post("/api/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .content(orderBody(customer("rate"), lines("SKU-1", 1)))
                .with(from(client));
    }

    private static RequestPostProcessor from(String client) {
        return request -> {
            request.setRemoteAddr(client);
            return request;
        };
    }
}
