package dev.orderflow.order.web;

import static dev.orderflow.order.support.OrderTestKit.customer;
import static dev.orderflow.order.support.OrderTestKit.lines;
import static dev.orderflow.order.support.OrderTestKit.orderBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.events.EventTypes;
import dev.orderflow.order.OrderProperties;
import dev.orderflow.order.support.OrderServiceIntegrationTest;
import dev.orderflow.order.support.OrderTestKit;
import dev.orderflow.order.support.SagaEvents;
import dev.orderflow.testsupport.TestIdentityProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/** The Idempotency-Key contract: replay, 422 for another body, one order for concurrent duplicates, expiry. */
@OrderServiceIntegrationTest
class IdempotencyTests {

    /** Five times issue 15's target of 200 orders a second, each with its key. */
    private static final long KEYS_PER_SECOND = 1_000;

    private final MockMvc mvc;
    private final OrderTestKit kit;
    private final IdempotencyKeyCleanup cleanup;
    private final TransactionTemplate transactions;
    private final OrderProperties properties;

    IdempotencyTests(
            MockMvc mvc,
            OrderTestKit kit,
            IdempotencyKeyCleanup cleanup,
            TransactionTemplate transactions,
            OrderProperties properties) {
        this.mvc = mvc;
        this.kit = kit;
        this.cleanup = cleanup;
        this.transactions = transactions;
        this.properties = properties;
    }

    @Test
    void sameKeyAndBodyReplayTheFirstResponseAsFirstSent() throws Exception {
        String customerId = customer("idem-replay");
        String key = UUID.randomUUID().toString();
        MockHttpServletResponse first = place(key, orderBody(customerId, lines("SKU-1", 2, "SKU-2", 1)));
        UUID id = UUID.fromString(kit.readJson(first).get("id").asString());
        kit.inject(SagaEvents.stockReserved(id));
        kit.awaitTimeline(id, "StockReserved");

        // Same request, other spacing and field order: the same request in canonical form.
        String reordered = """
                { "items": [ {"quantity": 2, "sku": "SKU-1"}, {"sku": "SKU-2", "quantity": 1} ],
                  "shippingAddress": {"country": "DE", "postalCode": "10115", "city": "Berlin", "line1": "Main St 1",
                                      "name": "Ana"},
                  "customerEmail": "ana@example.com", "customerId": "%s" }
                """.formatted(customerId);
        MockHttpServletResponse replay = place(key, reordered);

        assertThat(first.getStatus()).isEqualTo(202);
        assertThat(first.getHeader(OrderController.REPLAYED)).isNull();
        assertThat(replay.getStatus()).isEqualTo(202);
        assertThat(replay.getContentAsString()).isEqualTo(first.getContentAsString());
        assertThat(replay.getHeader("Location")).isEqualTo("/api/orders/" + id);
        assertThat(replay.getHeader(OrderController.REPLAYED)).isEqualTo("true");
        assertThat(kit.readJson(replay).get("status").asString()).isEqualTo("PENDING");
        assertThat(kit.ordersOf(customerId)).isEqualTo(1);
        assertThat(kit.published(id, EventTypes.ORDER_PLACED.name())).hasSize(1);
    }

    @Test
    void sameKeyWithAnotherBodyIsA422Problem() throws Exception {
        String customerId = customer("idem-other-body");
        String key = UUID.randomUUID().toString();
        place(key, orderBody(customerId, lines("SKU-1", 2)));

        mvc.perform(post("/api/orders")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(orderBody(customerId, lines("SKU-1", 3))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Idempotency-Key reused"));
        assertThat(kit.ordersOf(customerId)).isEqualTo(1);
    }

    @Test
    void invalidRequestDoesNotUseUpTheKey() throws Exception {
        String customerId = customer("idem-invalid-first");
        String key = UUID.randomUUID().toString();

        assertThat(place(key, orderBody(customerId, lines("SKU-1", 0))).getStatus())
                .isEqualTo(400);
        assertThat(place(key, orderBody(customerId, lines("SKU-1", 1))).getStatus())
                .isEqualTo(202);
        assertThat(kit.ordersOf(customerId)).isEqualTo(1);
    }

    @Test
    void malformedKeyIsA400Problem() throws Exception {
        mvc.perform(post("/api/orders")
                        .header("Idempotency-Key", "x".repeat(256))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(orderBody(customer("idem-bad-key"), lines("SKU-1", 1))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid Idempotency-Key"));
    }

    @Test
    void concurrentDuplicatesCreateExactlyOneOrder() throws Exception {
        String customerId = customer("idem-concurrent");
        String key = UUID.randomUUID().toString();
        String body = orderBody(customerId, lines("SKU-1", 1));
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);

        List<MockHttpServletResponse> responses = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(threads)) {
            List<Future<MockHttpServletResponse>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                calls.add(clients.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return place(key, body);
                }));
            }
            for (Future<MockHttpServletResponse> call : calls) {
                responses.add(call.get(60, TimeUnit.SECONDS));
            }
        }

        assertThat(responses).extracting(MockHttpServletResponse::getStatus).allMatch(s -> s == 202 || s == 409);
        List<String> accepted = responses.stream()
                .filter(r -> r.getStatus() == 202)
                .map(OrderTestKit::body)
                .distinct()
                .toList();
        assertThat(accepted).hasSize(1);
        assertThat(kit.ordersOf(customerId)).isEqualTo(1);
        UUID id = UUID.fromString(kit.readJson(responses.stream()
                        .filter(r -> r.getStatus() == 202)
                        .findFirst()
                        .orElseThrow())
                .get("id")
                .asString());
        assertThat(kit.published(id, EventTypes.ORDER_PLACED.name())).hasSize(1);
        responses.stream()
                .filter(r -> r.getStatus() == 409)
                .forEach(r -> assertThat(r.getHeader("Retry-After")).isEqualTo("1"));
    }

    @Test
    void requestWhileAnotherWithTheSameKeyIsStillInFlightIsA409WithRetryAfter() throws Exception {
        String customerId = customer("idem-in-flight");
        String key = UUID.randomUUID().toString();
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Another request holds the key: its row is inserted and not yet committed.
        CompletableFuture<Void> inFlight = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            kit.jdbc()
                    .sql("insert into idempotency_key (key, request_hash, created_at) values (:key, 'other', now())")
                    .param("key", IdempotentPlacement.scopedKey(TestIdentityProvider.TEST_CLIENT, key))
                    .update();
            claimed.countDown();
            await().atMost(OrderTestKit.WAIT).until(() -> release.getCount() == 0);
            tx.setRollbackOnly();
        }));
        assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse waited = place(key, orderBody(customerId, lines("SKU-1", 1)));
        release.countDown();
        inFlight.get(60, TimeUnit.SECONDS);

        assertThat(waited.getStatus()).isEqualTo(409);
        assertThat(waited.getHeader("Retry-After")).isEqualTo("1");
        assertThat(waited.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(kit.ordersOf(customerId)).isZero();
        // The other request gave up: the key is free again.
        assertThat(place(key, orderBody(customerId, lines("SKU-1", 1))).getStatus())
                .isEqualTo(202);
        assertThat(kit.ordersOf(customerId)).isEqualTo(1);
    }

    @Test
    void expiredKeysAreCleanedUpAndTheKeyThenStartsAfresh() throws Exception {
        String customerId = customer("idem-expired");
        String key = UUID.randomUUID().toString();
        place(key, orderBody(customerId, lines("SKU-1", 1)));
        kit.jdbc()
                .sql("update idempotency_key set created_at = now() - interval '25 hours' where key = :key")
                .param("key", IdempotentPlacement.scopedKey(TestIdentityProvider.TEST_CLIENT, key))
                .update();

        assertThat(cleanup.run()).isGreaterThanOrEqualTo(1);

        assertThat(kit.jdbc()
                        .sql("select count(*) from idempotency_key where key = :key")
                        .param("key", IdempotentPlacement.scopedKey(TestIdentityProvider.TEST_CLIENT, key))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(place(key, orderBody(customerId, lines("SKU-1", 5))).getStatus())
                .isEqualTo(202);
        assertThat(kit.ordersOf(customerId)).isEqualTo(2);
    }

    @Test
    void cleanUpKeepsUpWithAThousandNewKeysASecond() {
        // The keys that expire between two runs at that rate: one run must delete them all.
        long expiring =
                KEYS_PER_SECOND * properties.idempotencyCleanup().interval().toMillis() / 1000;
        String prefix = "capacity-" + UUID.randomUUID() + ":";
        kit.jdbc().sql("""
                        insert into idempotency_key (key, request_hash, created_at)
                        select :prefix || n, 'hash', now() - interval '25 hours' from generate_series(1, :count) as n
                        """).param("prefix", prefix).param("count", expiring).update();

        assertThat(cleanup.run()).isGreaterThanOrEqualTo((int) expiring);

        assertThat(kit.jdbc()
                        .sql("select count(*) from idempotency_key where key like :prefix || '%'")
                        .param("prefix", prefix)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void expiredKeyNotYetCleanedUpCountsAsNew() throws Exception {
        String customerId = customer("idem-expired-kept");
        String key = UUID.randomUUID().toString();
        place(key, orderBody(customerId, lines("SKU-1", 1)));
        kit.jdbc()
                .sql("update idempotency_key set created_at = now() - interval '25 hours' where key = :key")
                .param("key", IdempotentPlacement.scopedKey(TestIdentityProvider.TEST_CLIENT, key))
                .update();

        MockHttpServletResponse second = place(key, orderBody(customerId, lines("SKU-1", 2)));

        assertThat(second.getStatus()).isEqualTo(202);
        assertThat(second.getHeader(OrderController.REPLAYED)).isNull();
        assertThat(kit.ordersOf(customerId)).isEqualTo(2);
        mvc.perform(post("/api/orders")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(orderBody(customerId, lines("SKU-1", 2))))
                .andExpect(status().isAccepted())
                .andExpect(header().string(OrderController.REPLAYED, "true"));
    }

    private MockHttpServletResponse place(String key, String body) throws Exception {
        return mvc.perform(post("/api/orders")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse();
    }
}
