package dev.orderflow.sandbox.identity;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The sandbox's two security filter chains. Declaring any {@link SecurityFilterChain} makes Spring Boot's own
 * authorization server chain and its default "everything authenticated, form login" chain back off (both are
 * {@code @ConditionalOnDefaultWebSecurity}), so both are declared here: the authorization server's endpoints first, then
 * everything else (provider, carrier, faults, customer tokens, actuator) open and stateless, as before the identity
 * provider existed. Boot still supplies the registered clients (from properties), the settings and the signing key.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class IdentityConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain identityProviderSecurityFilterChain(HttpSecurity http) {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // OIDC user info and client registration take a bearer token; there is no login page.
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain partnerSecurityFilterChain(HttpSecurity http) {
        // The partners' APIs are machine-to-machine and unauthenticated, like the sandboxes they stand in for: no
        // sessions, no cookies, so no CSRF.
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accessTokenClaims(IdentityProperties properties) {
        return new AccessTokenClaims(properties.audience());
    }

    @Bean
    @ConditionalOnBooleanProperty("orderflow.sandbox.identity.customer-tokens.enabled")
    CustomerTokens customerTokens(
            JWKSource<SecurityContext> jwkSource, AuthorizationServerSettings settings, IdentityProperties properties) {
        return new CustomerTokens(
                new NimbusJwtEncoder(jwkSource),
                Objects.requireNonNull(
                        settings.getIssuer(), "spring.security.oauth2.authorizationserver.issuer must be set"),
                properties.audience(),
                properties.customerTokens().timeToLive(),
                Clock.systemUTC());
    }
}
