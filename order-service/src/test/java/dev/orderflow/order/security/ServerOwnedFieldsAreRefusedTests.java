package dev.orderflow.order.security;

import static dev.orderflow.order.support.OrderTestKit.customer;
import static dev.orderflow.order.support.OrderTestKit.lines;
import static dev.orderflow.order.support.OrderTestKit.orderBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.order.support.OrderServiceIntegrationTest;
import dev.orderflow.order.support.OrderTestKit;
import org.hamcrest.Matchers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * OWASP API3:2023 Broken Object Property Level Authorization. Status, prices, totals, ids and timestamps belong to the
 * server: a request that tries to set one is refused whole (400) and nothing is written, so no client can place a
 * paid order or choose its own price.
 */
@OrderServiceIntegrationTest
class ServerOwnedFieldsAreRefusedTests {

    private final MockMvc mvc;
    private final OrderTestKit kit;

    ServerOwnedFieldsAreRefusedTests(MockMvc mvc, OrderTestKit kit) {
        this.mvc = mvc;
        this.kit = kit;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"status\":\"COMPLETED\"",
                "\"total\":\"0.01\"",
                "\"currency\":\"EUR\"",
                "\"id\":\"6f1c0a52-8d7e-4c1b-9d1e-1f2a3b4c5d6e\"",
                "\"cancellationReason\":null",
                "\"createdAt\":\"2020-01-01T00:00:00Z\"",
                "\"timeline\":[]"
            })
    void serverOwnedOrderFieldsAreRefusedAndNothingIsWritten(String field) throws Exception {
        String customerId = customer("api3");
        String body = orderBody(customerId, lines("SKU-1", 1)).replaceFirst("\\{", "{" + field + ",");

        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("Unknown property")));

        assertThat(kit.ordersOf(customerId)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"unitPrice\":\"0.01\"", "\"price\":\"0.01\""})
    void clientsCannotPriceALine(String field) throws Exception {
        String customerId = customer("api3-price");
        String body = orderBody(customerId, lines("SKU-1", 1)).replace("\"quantity\":1", "\"quantity\":1," + field);

        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("Unknown property 'items[0].")));

        assertThat(kit.ordersOf(customerId)).isZero();
    }
}
