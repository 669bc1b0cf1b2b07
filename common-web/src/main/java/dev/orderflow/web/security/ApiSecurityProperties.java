package dev.orderflow.web.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orderflow.security.*}. CORS is closed unless origins are listed: the APIs serve backends and operators, and a
 * browser application on another origin must be named to be let in.
 *
 * @param corsAllowedOrigins origins a browser may call the API from (none by default)
 * @param tokenCache the tokens accepted recently, reused without another signature verification
 */
@ConfigurationProperties("orderflow.security")
public record ApiSecurityProperties(
        @DefaultValue List<String> corsAllowedOrigins,
        @DefaultValue TokenCache tokenCache) {

    /**
     * Bearer tokens verified once and reused while they are valid (ADR 0008): the same token is not verified again
     * within {@code maxAge}, and never past its own expiry.
     *
     * @param maxSize how many tokens are remembered; the least valuable are forgotten beyond it; 0 turns the cache off
     * @param maxAge how long a verified token is reused at most, however long it lives: the time a signing key withdrawn
     *     from the identity provider's JWKS still has its tokens accepted
     */
    public record TokenCache(
            @DefaultValue("10000") int maxSize,
            @DefaultValue("5m") Duration maxAge) {}
}
