package dev.orderflow.order.security;

import static dev.orderflow.order.support.OrderTestKit.customer;
import static dev.orderflow.order.support.OrderTestKit.lines;
import static dev.orderflow.order.support.OrderTestKit.orderBody;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.order.support.OrderServiceIntegrationTest;
import dev.orderflow.order.support.OrderTestKit;
import dev.orderflow.testsupport.TestIdentityProvider;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * OWASP API5:2023 Broken Function Level Authorization. The admin functions (dead letters, compensation incidents)
 * need {@code orders:admin}; placing and cancelling need {@code orders:write}, reading {@code orders:read}. A token
 * without the scope gets 403 with problem details, before anything runs.
 */
@OrderServiceIntegrationTest
class EachOrderFunctionNeedsItsScopeTests {

    private final MockMvc mvc;
    private final OrderTestKit kit;
    private final TestIdentityProvider identity = TestIdentityProvider.shared();

    EachOrderFunctionNeedsItsScopeTests(MockMvc mvc, OrderTestKit kit) {
        this.mvc = mvc;
        this.kit = kit;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /api/admin/dead-letters",
                "GET /api/admin/dead-letters/1",
                "POST /api/admin/dead-letters/1/replay",
                "POST /api/admin/dead-letters/1/discard",
                "POST /api/admin/dead-letters/replay",
                "GET /api/admin/incidents",
                "POST /api/admin/incidents/1/retry"
            })
    void adminFunctionsRefuseCustomerAndShopTokens(String call) throws Exception {
        String[] parts = call.split(" ");
        String customerToken = identity.customerToken(customer("api5"));
        String shopToken = scoped("orders:write", "orders:read", "ops:read", "orders:any-customer");

        for (String token : new String[] {customerToken, shopToken}) {
            mvc.perform(request(parts[0], parts[1]).header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(header().string("WWW-Authenticate", "Bearer error=\"insufficient_scope\""))
                    .andExpect(jsonPath("$.status").value(403));
        }
    }

    @Test
    void adminFunctionsServeAnAdminToken() throws Exception {
        mvc.perform(get("/api/admin/dead-letters")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + scoped("orders:admin")))
                .andExpect(status().isOk());
    }

    @Test
    void placingAndCancellingNeedOrdersWrite() throws Exception {
        String readOnly = "Bearer " + scoped("orders:read", "ops:read", "orders:any-customer");
        UUID id = kit.place(customer("api5-write"));

        mvc.perform(post("/api/orders")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(orderBody(customer("api5-write"), lines("SKU-1", 1)))
                        .header(HttpHeaders.AUTHORIZATION, readOnly))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/orders/{id}/cancel", id).header(HttpHeaders.AUTHORIZATION, readOnly))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/orders/{id}", id).header(HttpHeaders.AUTHORIZATION, readOnly))
                .andExpect(status().isOk());
    }

    @Test
    void readingOrdersNeedsOrdersRead() throws Exception {
        UUID id = kit.place(customer("api5-read"));

        mvc.perform(get("/api/orders/{id}", id).header(HttpHeaders.AUTHORIZATION, "Bearer " + scoped("orders:write")))
                .andExpect(status().isForbidden());
    }

    private String scoped(String... scopes) {
        return identity.clientTokenWith(scopes);
    }

    private static MockHttpServletRequestBuilder request(String method, String path) {
        return "GET".equals(method) ? get(path) : post(path);
    }
}
