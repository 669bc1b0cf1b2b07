package dev.orderflow.payment;

import static dev.orderflow.testsupport.EndpointSecurityMatrix.Caller.OPERATOR;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;

import dev.orderflow.payment.support.PaymentIntegrationTest;
import dev.orderflow.testsupport.EndpointSecurityMatrix;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.web.context.WebApplicationContext;

/**
 * Deny by default (SECURITY.md, "Rule matrix"): every endpoint the service maps, with every HTTP method and every kind
 * of caller, answers as the matrix says; HEAD has GET's rule, and a method no rule names is refused.
 */
@PaymentIntegrationTest
class EveryEndpointFollowsTheRuleMatrixTests {

    private final WebApplicationContext context;

    EveryEndpointFollowsTheRuleMatrixTests(WebApplicationContext context) {
        this.context = context;
    }

    @Test
    void everyMethodOfEveryEndpointAnswersEachCallerAsTheMatrixSays() {
        EndpointSecurityMatrix.everyService()
                .allow("/api/payments", EnumSet.of(OPERATOR), GET, HEAD)
                .verify(context);
    }
}
