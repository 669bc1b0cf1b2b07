package dev.orderflow.sandbox.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * Access tokens for a customer, as a real login would end in: signed with the authorization server's own key (so they
 * verify against the same JWKS), with the customer as {@code sub} and the same claims as a client-credentials token.
 */
public final class CustomerTokens {

    /** The {@code client_id} of customer tokens: the login that the sandbox stands in for. */
    public static final String CLIENT_ID = "sandbox-customer-login";

    /** What a customer may do with the order API: place orders and read their own. */
    public static final List<String> SCOPES = List.of("orders:read", "orders:write");

    private final JwtEncoder encoder;
    private final String issuer;
    private final String audience;
    private final Duration timeToLive;
    private final Clock clock;

    CustomerTokens(JwtEncoder encoder, String issuer, String audience, Duration timeToLive, Clock clock) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("timeToLive must be positive: " + timeToLive);
        }
    }

    /** A signed access token for {@code customerId}, which the caller has validated. */
    public IssuedToken issue(String customerId) {
        // JWT times are whole seconds; truncating keeps exp - iat exactly the time to live.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(customerId)
                .audience(List.of(audience))
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(timeToLive))
                .id(UUID.randomUUID().toString())
                .claim(AccessTokenClaims.CLIENT_ID, CLIENT_ID)
                .claim(AccessTokenClaims.SCOPE, AccessTokenClaims.scopeString(SCOPES))
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
        String value = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new IssuedToken(value, timeToLive.toSeconds(), AccessTokenClaims.scopeString(SCOPES));
    }

    /** A token and what the token response says about it. */
    public record IssuedToken(String value, long expiresInSeconds, String scope) {}
}
