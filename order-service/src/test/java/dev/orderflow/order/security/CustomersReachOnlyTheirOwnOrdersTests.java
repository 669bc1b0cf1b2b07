package dev.orderflow.order.security;

import static dev.orderflow.order.support.OrderTestKit.customer;
import static dev.orderflow.order.support.OrderTestKit.lines;
import static dev.orderflow.order.support.OrderTestKit.orderBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.order.OrderStatus;
import dev.orderflow.order.support.OrderServiceIntegrationTest;
import dev.orderflow.order.support.OrderTestKit;
import dev.orderflow.testsupport.TestIdentityProvider;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * OWASP API1:2023 Broken Object Level Authorization. A customer's token (its subject is the customer) reaches only
 * that customer's orders: another customer's order answers 404 exactly like one that does not exist, so ids cannot be
 * probed; listing and placing are pinned to the token's customer.
 */
@OrderServiceIntegrationTest
class CustomersReachOnlyTheirOwnOrdersTests {

    private final MockMvc mvc;
    private final OrderTestKit kit;
    private final TestIdentityProvider identity = TestIdentityProvider.shared();

    CustomersReachOnlyTheirOwnOrdersTests(MockMvc mvc, OrderTestKit kit) {
        this.mvc = mvc;
        this.kit = kit;
    }

    @Test
    void customerReadsItsOwnOrderButAnotherCustomersAnswers404() throws Exception {
        String ana = customer("api1-ana");
        String ben = customer("api1-ben");
        UUID anasOrder = kit.place(ana);

        mvc.perform(as(ana, get("/api/orders/{id}", anasOrder)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customerId").value(ana));
        mvc.perform(as(ben, get("/api/orders/{id}", anasOrder)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("Order " + anasOrder + " does not exist"));
        mvc.perform(as(ben, get("/api/orders/{id}", UUID.randomUUID()))).andExpect(status().isNotFound());
    }

    @Test
    void customerCannotCancelAnotherCustomersOrder() throws Exception {
        String ana = customer("api1-ana");
        String ben = customer("api1-ben");
        UUID anasOrder = kit.place(ana);

        mvc.perform(as(ben, post("/api/orders/{id}/cancel", anasOrder))).andExpect(status().isNotFound());

        assertThat(kit.order(anasOrder).status()).isNotEqualTo(OrderStatus.CANCELLED);
        mvc.perform(as(ana, post("/api/orders/{id}/cancel", anasOrder))).andExpect(status().isAccepted());
        assertThat(kit.order(anasOrder).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void customerListsOnlyItsOwnOrders() throws Exception {
        String ana = customer("api1-ana");
        String ben = customer("api1-ben");
        kit.place(ana);
        kit.place(ben);

        mvc.perform(as(ana, get("/api/orders")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].customerId").value(ana));
        mvc.perform(as(ana, get("/api/orders").param("customerId", ben))).andExpect(status().isForbidden());
    }

    @Test
    void customerPlacesOrdersOnlyForItself() throws Exception {
        String ana = customer("api1-ana");
        String ben = customer("api1-ben");

        mvc.perform(as(ana, placing(orderBody(ben, lines("SKU-1", 1)))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("customerId")));
        mvc.perform(as(ana, placing(orderBody(ana, lines("SKU-1", 1))))).andExpect(status().isAccepted());
        mvc.perform(as(ana, placing(orderBody(ana, lines("SKU-1", 1)).replace("\"customerId\":\"" + ana + "\",", ""))))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.customerId").value(ana));

        assertThat(kit.ordersOf(ben)).isZero();
    }

    @Test
    void aTokenWhoseSubjectIsItsClientIdIsStillOnlyThatCustomer() throws Exception {
        // Issue 18: the sandbox's customer login issued {"customerId":"sandbox-customer-login"} a token whose subject
        // was its own client id, which read every customer's orders.
        String ana = customer("api1-ana");
        UUID anasOrder = kit.place(ana);
        String lookalike = identity.token()
                .subject("sandbox-customer-login")
                .clientId("sandbox-customer-login")
                .scopes(TestIdentityProvider.ORDERS_READ, TestIdentityProvider.ORDERS_WRITE)
                .sign();

        mvc.perform(get("/api/orders/{id}", anasOrder).header(HttpHeaders.AUTHORIZATION, "Bearer " + lookalike))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/orders")
                        .param("customerId", ana)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + lookalike))
                .andExpect(status().isForbidden());
    }

    @Test
    void theAnyCustomerGrantLetsABackendActForAnyCustomerWhateverItsSubject() throws Exception {
        String ana = customer("api1-ana");
        UUID anasOrder = kit.place(ana);
        String serviceAccount = identity.token()
                .subject(UUID.randomUUID().toString())
                .clientId("some-shop-backend")
                .scopes(TestIdentityProvider.ORDERS_READ, TestIdentityProvider.ORDERS_ANY_CUSTOMER)
                .sign();

        mvc.perform(get("/api/orders/{id}", anasOrder).header(HttpHeaders.AUTHORIZATION, "Bearer " + serviceAccount))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customerId").value(ana));
    }

    @Test
    void clientTokenMustNameTheCustomer() throws Exception {
        String body = orderBody("x", lines("SKU-1", 1)).replace("\"customerId\":\"x\",", "");

        mvc.perform(placing(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("customerId is required unless the token is a customer's own"));
    }

    @Test
    void idempotencyKeysOfTwoCustomersDoNotMeet() throws Exception {
        String ana = customer("api1-ana");
        String ben = customer("api1-ben");
        String key = UUID.randomUUID().toString();

        mvc.perform(as(ana, placing(orderBody(ana, lines("SKU-1", 1)))).header("Idempotency-Key", key))
                .andExpect(status().isAccepted());
        mvc.perform(as(ben, placing(orderBody(ben, lines("SKU-1", 1)))).header("Idempotency-Key", key))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.customerId").value(ben));
    }

    private static MockHttpServletRequestBuilder placing(String body) {
        return post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private MockHttpServletRequestBuilder as(String customer, MockHttpServletRequestBuilder request) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + identity.customerToken(customer));
    }
}
