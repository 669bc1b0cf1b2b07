package dev.orderflow.web.security;

import dev.orderflow.web.problem.ProblemEnrichment;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.util.matcher.RequestMatchers;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service's API is an OAuth2 resource server (ADR 0008, SECURITY.md): bearer JWTs checked by Spring Security
 * against the identity provider's keys (JWKS), issuer, audience, expiry and an algorithm allow-list, all set by the
 * standard {@code spring.security.oauth2.resourceserver.jwt.*} properties. Stateless: no session, no cookie, so no
 * CSRF. The health, info and prometheus endpoints answer without a token: they live on the management port, which only
 * the cluster's probes and Prometheus reach. Reading and posting to {@code /api/admin/**} needs {@code orders:admin};
 * each service adds the rules of its own paths, each naming its methods ({@link Routes}), as {@link ApiAuthorization}
 * beans; anything else is denied (ADR 0016).
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({HttpSecurity.class, Jwt.class})
@EnableConfigurationProperties(ApiSecurityProperties.class)
public final class ApiSecurityAutoConfiguration {

    @Bean
    SecurityFilterChain orderflowApiSecurity(
            HttpSecurity http,
            List<ApiAuthorization> serviceRules,
            ObjectProvider<JsonMapper> json,
            ProblemEnrichment enrichment,
            ApiSecurityProperties properties)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(json.getIfAvailable(JsonMapper::new), enrichment);
        http.authorizeHttpRequests(requests -> {
                    // The error page of a request that was already let in or refused; never a request of its own.
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                            .permitAll()
                            .requestMatchers(RequestMatchers.allOf(
                                    EndpointRequest.to("health", "info", "prometheus"), Routes.read("/**")))
                            .permitAll()
                            .requestMatchers(EndpointRequest.toAnyEndpoint())
                            .denyAll()
                            // The API's own description: what it offers, never data.
                            .requestMatchers(Routes.read("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml"))
                            .permitAll()
                            .requestMatchers(Routes.read("/api/admin/**"), Routes.post("/api/admin/**"))
                            .hasAuthority(Scopes.authority(Scopes.ORDERS_ADMIN));
                    serviceRules.forEach(rules -> rules.authorize(requests));
                    // Deny by default: a method or path that no rule names is refused, HEAD and OPTIONS included.
                    requests.anyRequest().denyAll();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(new BearerTokenHeader())
                        .jwt(jwt -> {})
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .cors(cors -> cors.configurationSource(corsConfiguration(properties)));
        return http.build();
    }

    /** Spring Security's strict firewall, its character checks quicker for printable ASCII ({@link PrintableAsciiFirst}). */
    @Bean
    @ConditionalOnMissingBean(HttpFirewall.class)
    StrictHttpFirewall orderflowHttpFirewall() {
        return PrintableAsciiFirst.firewall();
    }

    /** Spring Security's observations only where the registry records them (see {@link SecurityObservations}). */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings orderflowSecurityObservations(ObjectProvider<ObservationRegistry> registry) {
        return SecurityObservations.settings(registry.getIfUnique(() -> ObservationRegistry.NOOP));
    }

    /**
     * The decoder Boot builds from {@code spring.security.oauth2.resourceserver.jwt.*}, with its checks as they are,
     * behind a cache of the tokens it accepted ({@link VerifiedTokenCache}): decoding a token (RS256 verification,
     * claim conversion) costs twice what all the other security filters do together, and a client sends the same token
     * for its whole life.
     */
    @Bean
    static BeanPostProcessor orderflowVerifiedTokenCache(ObjectProvider<ApiSecurityProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof JwtDecoder decoder && !(bean instanceof VerifiedTokenCache)) {
                    ApiSecurityProperties.TokenCache cache =
                            properties.getObject().tokenCache();
                    if (cache.maxSize() > 0) {
                        return new VerifiedTokenCache(decoder, cache.maxSize(), cache.maxAge(), Clock.systemUTC());
                    }
                }
                return bean;
            }
        };
    }

    /** A token must name its subject: ownership of orders is decided by it. */
    @Bean
    OAuth2TokenValidator<Jwt> orderflowSubjectRequired() {
        OAuth2Error missing = new OAuth2Error("invalid_token", "The token has no subject", null);
        return jwt -> jwt.getSubject() == null || jwt.getSubject().isBlank()
                ? OAuth2TokenValidatorResult.failure(missing)
                : OAuth2TokenValidatorResult.success();
    }

    private static CorsConfigurationSource corsConfiguration(ApiSecurityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!properties.corsAllowedOrigins().isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(properties.corsAllowedOrigins());
            cors.setAllowedMethods(List.of("GET", "POST", "PUT"));
            cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "Idempotency-Key"));
            cors.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER, "Idempotent-Replayed"));
            cors.setAllowCredentials(false);
            source.registerCorsConfiguration("/api/**", cors);
        }
        return source;
    }
}
