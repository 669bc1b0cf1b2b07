package dev.orderflow.sandbox.identity;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The claims every access token carries besides Spring Authorization Server's {@code iss}, {@code sub}, {@code iat},
 * {@code exp}, {@code nbf} and {@code jti}, as RFC 9068 (JWT profile for access tokens) has them: {@code aud} names the
 * platform instead of the client, {@code client_id} names the client, and {@code scope} is one space-separated string.
 */
final class AccessTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String CLIENT_ID = "client_id";
    static final String SCOPE = "scope";

    private final String audience;

    AccessTokenClaims(String audience) {
        this.audience = audience;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        JwtClaimsSet.Builder claims = context.getClaims();
        claims.audience(List.of(audience));
        claims.claim(CLIENT_ID, context.getRegisteredClient().getClientId());
        if (!context.getAuthorizedScopes().isEmpty()) {
            claims.claim(SCOPE, scopeString(context.getAuthorizedScopes()));
        }
    }

    /** Sorted, so equal grants give equal claims. */
    static String scopeString(Collection<String> scopes) {
        return String.join(" ", new TreeSet<>(scopes));
    }
}
