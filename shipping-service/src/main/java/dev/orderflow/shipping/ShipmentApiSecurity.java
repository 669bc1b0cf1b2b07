package dev.orderflow.shipping;

import static dev.orderflow.web.security.Scopes.authority;

import dev.orderflow.web.security.ApiAuthorization;
import dev.orderflow.web.security.Routes;
import dev.orderflow.web.security.Scopes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Shipments are an operator read API: ops:read (SECURITY.md). */
@Configuration(proxyBeanMethods = false)
class ShipmentApiSecurity {

    @Bean
    ApiAuthorization shippingApiAuthorization() {
        return requests ->
                requests.requestMatchers(Routes.read("/api/shipments")).hasAuthority(authority(Scopes.OPS_READ));
    }
}
