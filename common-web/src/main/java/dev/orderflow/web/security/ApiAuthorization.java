package dev.orderflow.web.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's rules for its own API paths, as beans: the shared security configuration applies them after the rules
 * every service has (operations endpoints, {@code /api/admin/**}) and before its closing rule, that anything else is
 * denied. Each rule names its methods ({@link Routes}): a method no rule names is refused, never let through.
 */
@FunctionalInterface
public interface ApiAuthorization {

    void authorize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);
}
