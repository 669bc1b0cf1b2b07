package dev.orderflow.order.security;

import static dev.orderflow.testsupport.EndpointSecurityMatrix.Caller.CUSTOMER;
import static dev.orderflow.testsupport.EndpointSecurityMatrix.Caller.NO_TOKEN;
import static dev.orderflow.testsupport.EndpointSecurityMatrix.Caller.OPERATOR;
import static dev.orderflow.testsupport.EndpointSecurityMatrix.Caller.STOREFRONT;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.POST;

import dev.orderflow.order.support.OrderServiceIntegrationTest;
import dev.orderflow.testsupport.EndpointSecurityMatrix;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.web.context.WebApplicationContext;

/**
 * Deny by default (SECURITY.md, "Rule matrix"): every endpoint the service maps, with every HTTP method and every kind
 * of caller, answers as the matrix says; HEAD has GET's rule, and a method no rule names is refused.
 */
@OrderServiceIntegrationTest
class EveryEndpointFollowsTheRuleMatrixTests {

    private final WebApplicationContext context;

    EveryEndpointFollowsTheRuleMatrixTests(WebApplicationContext context) {
        this.context = context;
    }

    @Test
    void everyMethodOfEveryEndpointAnswersEachCallerAsTheMatrixSays() {
        EndpointSecurityMatrix.everyService()
                .allow("/api/orders", EnumSet.of(CUSTOMER, STOREFRONT, OPERATOR), GET, HEAD)
                .allow("/api/orders", EnumSet.of(CUSTOMER, STOREFRONT), POST)
                .allow("/api/orders/*", EnumSet.of(CUSTOMER, STOREFRONT, OPERATOR), GET, HEAD)
                .allow("/api/orders/*/cancel", EnumSet.of(CUSTOMER, STOREFRONT), POST)
                .allow("/v3/api-docs/**", EnumSet.of(NO_TOKEN, CUSTOMER, STOREFRONT, OPERATOR), GET, HEAD)
                .allow("/v3/api-docs.yaml", EnumSet.of(NO_TOKEN, CUSTOMER, STOREFRONT, OPERATOR), GET, HEAD)
                .verify(context);
    }
}
