package dev.orderflow.order.web;

import static dev.orderflow.order.support.OrderTestKit.customer;
import static dev.orderflow.order.support.OrderTestKit.lines;
import static dev.orderflow.order.support.OrderTestKit.orderBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.order.support.OrderServiceIntegrationTest;
import dev.orderflow.order.support.OrderTestKit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** A saturated intake answers 429 with Retry-After, and takes orders again once there is room. */
@OrderServiceIntegrationTest
class LoadSheddingTests {

    /** orderflow.orders.intake.max-concurrent in the test configuration. */
    private static final int INTAKE = 4;

    private final MockMvc mvc;
    private final OrderTestKit kit;
    private final IntakeLimiter limiter;

    LoadSheddingTests(MockMvc mvc, OrderTestKit kit, IntakeLimiter limiter) {
        this.mvc = mvc;
        this.kit = kit;
        this.limiter = limiter;
    }

    @Test
    void saturatedIntakeShedsLoadWith429AndRetryAfter() throws Exception {
        double shedBefore = kit.counter("orderflow.orders.shed");
        CountDownLatch busy = new CountDownLatch(INTAKE);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService slowPlacements = Executors.newFixedThreadPool(INTAKE);
        List<CompletableFuture<Void>> placements = new ArrayList<>();
        for (int i = 0; i < INTAKE; i++) {
            placements.add(CompletableFuture.runAsync(
                    () -> limiter.admit(() -> {
                        busy.countDown();
                        try {
                            return release.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }),
                    slowPlacements));
        }
        assertThat(busy.await(30, TimeUnit.SECONDS)).isTrue();
        String body = orderBody(customer("shed"), lines("SKU-1", 1));

        try {
            mvc.perform(post("/api/orders")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body))
                    .andExpect(status().isTooManyRequests())
                    .andExpect(header().string("Retry-After", "1"))
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.title").value("Too many requests"));
        } finally {
            release.countDown();
        }
        CompletableFuture.allOf(placements.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        slowPlacements.shutdown();

        assertThat(kit.counter("orderflow.orders.shed")).isEqualTo(shedBefore + 1);
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isAccepted());
    }
}
