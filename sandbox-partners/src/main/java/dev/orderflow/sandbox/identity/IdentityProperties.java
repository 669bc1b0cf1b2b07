package dev.orderflow.sandbox.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the sandbox identity provider puts in its tokens beyond Spring Authorization Server's own settings
 * ({@code spring.security.oauth2.authorizationserver.*}).
 *
 * @param audience the {@code aud} of every access token: the platform's APIs, not the client that asked
 * @param customerTokens the local stand-in for a customer login
 */
@ConfigurationProperties("orderflow.sandbox.identity")
public record IdentityProperties(
        @DefaultValue("orderflow") String audience,
        @DefaultValue CustomerTokens customerTokens) {

    /**
     * @param enabled whether {@code POST /sandbox/customer-tokens} exists; off unless configured, on in the sandbox's
     *     application.yml
     * @param timeToLive how long a customer token is valid
     */
    public record CustomerTokens(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("5m") Duration timeToLive) {}
}
