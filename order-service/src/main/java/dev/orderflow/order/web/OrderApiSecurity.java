package dev.orderflow.order.web;

import static dev.orderflow.web.security.Scopes.authority;

import dev.orderflow.web.security.ApiAuthorization;
import dev.orderflow.web.security.Routes;
import dev.orderflow.web.security.Scopes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may use the order API: placing and cancelling need orders:write, reading orders:read; which orders a token sees is CustomerAccess's part (SECURITY.md). */
@Configuration(proxyBeanMethods = false)
class OrderApiSecurity {

    @Bean
    ApiAuthorization orderApiAuthorization() {
        return requests -> requests.requestMatchers(Routes.post("/api/orders", "/api/orders/*/cancel"))
                .hasAuthority(authority(Scopes.ORDERS_WRITE))
                .requestMatchers(Routes.read("/api/orders", "/api/orders/*"))
                .hasAuthority(authority(Scopes.ORDERS_READ));
    }
}
