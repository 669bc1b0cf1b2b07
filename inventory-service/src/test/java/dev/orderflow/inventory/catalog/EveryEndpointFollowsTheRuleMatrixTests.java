package dev.orderflow.inventory.catalog;

import static dev.orderflow.testsupport.EndpointSecurityMatrix.Caller.CUSTOMER;
import static dev.orderflow.testsupport.EndpointSecurityMatrix.Caller.OPERATOR;
import static dev.orderflow.testsupport.EndpointSecurityMatrix.Caller.STOREFRONT;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import dev.orderflow.inventory.support.InventoryIntegrationTest;
import dev.orderflow.testsupport.EndpointSecurityMatrix;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.web.context.WebApplicationContext;

/**
 * Deny by default (SECURITY.md, "Rule matrix"): every endpoint the service maps, with every HTTP method and every kind
 * of caller, answers as the matrix says; HEAD has GET's rule, and a method no rule names is refused.
 */
@InventoryIntegrationTest
class EveryEndpointFollowsTheRuleMatrixTests {

    private final WebApplicationContext context;

    EveryEndpointFollowsTheRuleMatrixTests(WebApplicationContext context) {
        this.context = context;
    }

    @Test
    void everyMethodOfEveryEndpointAnswersEachCallerAsTheMatrixSays() {
        EndpointSecurityMatrix.everyService()
                .allow("/api/products", EnumSet.of(CUSTOMER, STOREFRONT, OPERATOR), GET, HEAD)
                .allow("/api/products/*", EnumSet.of(CUSTOMER, STOREFRONT, OPERATOR), GET, HEAD)
                .allow("/api/products/*", EnumSet.of(OPERATOR), PUT)
                .allow("/api/products/*/stock", EnumSet.of(OPERATOR), POST)
                .verify(context);
    }
}
