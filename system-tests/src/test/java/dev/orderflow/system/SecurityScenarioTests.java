package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.localstack.SandboxTokens;
import dev.orderflow.localstack.ServiceSpec;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The platform as a client meets it: tokens from the sandbox identity provider (a real RS256 issuer with a JWKS),
 * checked by every service. A customer's token runs an order end to end and sees only its own orders; the shop's and
 * the operator's tokens have their own functions; no token, or a forged one, gets nothing.
 */
class SecurityScenarioTests {

    private final Shop shop = new Shop();
    private final SandboxTokens tokens = PlatformUnderTest.get().tokens();

    @Test
    void customerTokenPlacesAndFollowsItsOwnOrderToCompletion() {
        String sku = shop.sku("SECURE");
        shop.stock(sku, "3.50", 5);
        String ana = shop.customer("sec-ana");
        Map<String, Object> order = new HashMap<>(Shop.order(ana, "DE", Map.of(sku, 1)));
        order.remove("customerId");

        Http.Response placed = Http.post(orders(), order, bearer(tokens.customer(ana)));

        assertThat(placed.status()).isEqualTo(202);
        String id = placed.body().get("id").asString();
        assertThat(placed.body().get("customerId").asString()).isEqualTo(ana);
        JsonNode done = Shop.awaitTerminal(id);
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(Http.get(orders() + "/" + id, bearer(tokens.customer(ana))).status())
                .isEqualTo(200);
    }

    @Test
    void anotherCustomersOrderIsNotFound() {
        String ana = shop.customer("sec-ana");
        String ben = shop.customer("sec-ben");
        String id = shop.place(Shop.order(ana, "DE", Map.of(shop.sku("ANY"), 1)));

        assertThat(Http.get(orders() + "/" + id, bearer(tokens.customer(ben))).status())
                .isEqualTo(404);
        assertThat(Http.post(orders() + "/" + id + "/cancel", null, bearer(tokens.customer(ben)))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void everyServiceRefusesMissingAndForgedTokens() {
        String forged = tokens.storefront().substring(0, tokens.storefront().lastIndexOf('.') + 1) + "Zm9yZ2Vk";
        for (ServiceSpec spec : ServiceSpec.ALL) {
            if (spec == ServiceSpec.PARTNERS) {
                continue;
            }
            String url = PlatformUnderTest.url(spec) + "/api/admin/dead-letters";
            assertThat(Http.get(url, Map.of("Authorization", "")).status())
                    .as(spec.name())
                    .isEqualTo(401);
            assertThat(Http.get(url, bearer(forged)).status()).as(spec.name()).isEqualTo(401);
            assertThat(Http.get(url, bearer(tokens.storefront())).status())
                    .as(spec.name())
                    .isEqualTo(403);
            assertThat(Http.get(url, bearer(tokens.operator())).status())
                    .as(spec.name())
                    .isEqualTo(200);
        }
    }

    @Test
    void catalogWritesNeedTheOperator() {
        String url = PlatformUnderTest.url(ServiceSpec.INVENTORY) + "/api/products/" + shop.sku("ADMIN");
        Map<String, Object> product = Map.of("name", "x", "price", "1.00", "currency", "EUR");

        assertThat(Http.put(url, product, bearer(tokens.storefront())).status()).isEqualTo(403);
        assertThat(Http.put(url, product, bearer(tokens.customer(shop.customer("sec-cy"))))
                        .status())
                .isEqualTo(403);
        assertThat(Http.put(url, product, bearer(tokens.operator())).status()).isBetween(200, 201);
    }

    private static String orders() {
        return PlatformUnderTest.url(ServiceSpec.ORDER) + "/api/orders";
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
