package dev.orderflow.notification;

import static dev.orderflow.web.security.Scopes.authority;

import dev.orderflow.web.security.ApiAuthorization;
import dev.orderflow.web.security.Routes;
import dev.orderflow.web.security.Scopes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Notifications are an operator read API: ops:read (SECURITY.md). */
@Configuration(proxyBeanMethods = false)
class NotificationApiSecurity {

    @Bean
    ApiAuthorization notificationApiAuthorization() {
        return requests ->
                requests.requestMatchers(Routes.read("/api/notifications")).hasAuthority(authority(Scopes.OPS_READ));
    }
}
