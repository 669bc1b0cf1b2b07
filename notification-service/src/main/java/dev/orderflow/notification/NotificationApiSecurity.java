package dev.orderflow.notification;

import static dev.orderflow.web.security.Scopes.authority;

import dev.orderflow.web.security.ApiAuthorization;
import dev.orderflow.web.security.Scopes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Notifications are an operator read API: ops:read (SECURITY.md). */
@Configuration(proxyBeanMethods = false)
class NotificationApiSecurity {

    @Bean
    ApiAuthorization notificationApiAuthorization() {
        return requests ->
                requests.requestMatchers(HttpMethod.GET, "/api/notifications").hasAuthority(authority(Scopes.OPS_READ));
    }
}
