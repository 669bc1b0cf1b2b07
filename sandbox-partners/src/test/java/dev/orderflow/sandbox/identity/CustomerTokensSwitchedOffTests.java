package dev.orderflow.sandbox.identity;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Its own context: the sandbox with the customer-login stand-in switched off, as outside local runs. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "orderflow.sandbox.identity.customer-tokens.enabled=false")
@AutoConfigureRestTestClient
class CustomerTokensSwitchedOffTests {

    private final RestTestClient client;

    CustomerTokensSwitchedOffTests(RestTestClient client) {
        this.client = client;
    }

    @Test
    void customerTokensCanBeSwitchedOff() {
        client.post()
                .uri("/sandbox/customer-tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("customerId", "c-42"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.access_token")
                .doesNotExist();
        // The authorization server itself is unaffected.
        client.post()
                .uri("/oauth2/token")
                .headers(headers -> headers.setBasicAuth("orderflow-storefront", "local-storefront-secret"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("grant_type=client_credentials&scope=orders:read")
                .exchange()
                .expectStatus()
                .isOk();
    }
}
