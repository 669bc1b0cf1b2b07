package dev.orderflow.inventory.catalog;

import static dev.orderflow.web.security.Scopes.authority;

import dev.orderflow.web.security.ApiAuthorization;
import dev.orderflow.web.security.Scopes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Who may use the catalog API: catalog and stock writes need orders:admin; reading it orders:read or ops:read (SECURITY.md). */
@Configuration(proxyBeanMethods = false)
class CatalogApiSecurity {

    @Bean
    ApiAuthorization inventoryApiAuthorization() {
        return requests -> requests.requestMatchers(HttpMethod.PUT, "/api/products/*")
                .hasAuthority(authority(Scopes.ORDERS_ADMIN))
                .requestMatchers(HttpMethod.POST, "/api/products/*/stock")
                .hasAuthority(authority(Scopes.ORDERS_ADMIN))
                .requestMatchers(HttpMethod.GET, "/api/products", "/api/products/*")
                .hasAnyAuthority(authority(Scopes.ORDERS_READ), authority(Scopes.OPS_READ));
    }
}
