package dev.orderflow.inventory.catalog;

import static dev.orderflow.web.security.Scopes.authority;

import dev.orderflow.web.security.ApiAuthorization;
import dev.orderflow.web.security.Routes;
import dev.orderflow.web.security.Scopes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may use the catalog API: catalog and stock writes need orders:admin; reading it orders:read or ops:read (SECURITY.md). */
@Configuration(proxyBeanMethods = false)
class CatalogApiSecurity {

    @Bean
    ApiAuthorization inventoryApiAuthorization() {
        return requests -> requests.requestMatchers(Routes.put("/api/products/*"))
                .hasAuthority(authority(Scopes.ORDERS_ADMIN))
                .requestMatchers(Routes.post("/api/products/*/stock"))
                .hasAuthority(authority(Scopes.ORDERS_ADMIN))
                .requestMatchers(Routes.read("/api/products", "/api/products/*"))
                .hasAnyAuthority(authority(Scopes.ORDERS_READ), authority(Scopes.OPS_READ));
    }
}
