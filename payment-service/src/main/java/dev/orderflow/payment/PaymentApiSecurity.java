package dev.orderflow.payment;

import static dev.orderflow.web.security.Scopes.authority;

import dev.orderflow.web.security.ApiAuthorization;
import dev.orderflow.web.security.Routes;
import dev.orderflow.web.security.Scopes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Payments are an operator read API: ops:read (SECURITY.md). */
@Configuration(proxyBeanMethods = false)
class PaymentApiSecurity {

    @Bean
    ApiAuthorization paymentApiAuthorization() {
        return requests ->
                requests.requestMatchers(Routes.read("/api/payments")).hasAuthority(authority(Scopes.OPS_READ));
    }
}
