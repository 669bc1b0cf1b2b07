package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.localstack.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The Idempotency-Key contract of the order API, against the running platform. */
class IdempotencyScenarioTests {

    private final Shop shop = new Shop();

    @Test
    void sameKeyAndBodyReplaysTheFirstAnswerAndADifferentBodyIsRefused() {
        String sku = shop.sku("IDEM");
        shop.stock(sku, "3.00", 10);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Shop.order(shop.customer("gus"), "DE", Map.of(sku, 1));
        String url = PlatformUnderTest.url(ServiceSpec.ORDER) + "/api/orders";

        Http.Response first = Http.post(url, body, Map.of("Idempotency-Key", key));
        Http.Response replay = Http.post(url, body, Map.of("Idempotency-Key", key));
        Http.Response different =
                Http.post(url, Shop.order(shop.customer("gus"), "DE", Map.of(sku, 2)), Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(202);
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.body().get("id")).isEqualTo(first.body().get("id"));
        assertThat(different.status()).isEqualTo(422);
        String id = first.body().get("id").asString();
        Invariants.hold(List.of(id), List.of(sku));
    }

    @Test
    void concurrentDuplicatesCreateExactlyOneOrder() throws Exception {
        String sku = shop.sku("IDEMC");
        shop.stock(sku, "3.00", 10);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Shop.order(shop.customer("hal"), "DE", Map.of(sku, 1));
        String url = PlatformUnderTest.url(ServiceSpec.ORDER) + "/api/orders";

        List<Http.Response> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Http.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> Http.post(url, body, Map.of("Idempotency-Key", key))));
            }
            for (Future<Http.Response> call : calls) {
                responses.add(call.get());
            }
        }

        assertThat(responses).extracting(Http.Response::status).allMatch(s -> s == 202 || s == 409);
        List<String> ids = responses.stream()
                .filter(r -> r.status() == 202)
                .map(r -> r.body().get("id").asString())
                .distinct()
                .toList();
        assertThat(ids).hasSize(1);
        Http.Response listed = Http.get(url + "?customerId=" + shop.customer("hal"));
        assertThat(listed.body().get("page").get("totalElements").asLong()).isEqualTo(1);
        Invariants.hold(ids, List.of(sku));
    }
}
