package dev.orderflow.web.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Boot's JWT decoder with a memory: a token it accepted is accepted again, without another RSA verification, while
 * its expiry and not-before still hold against the clock and for at most {@code maxAge} after it was verified. Whatever
 * else the decoder checks (signature, algorithm, issuer, audience, subject) depends on nothing but the token's text,
 * so an identical text passes them again; any other text, a re-signed or altered token included, goes to the decoder.
 * A refused token is never remembered. Keyed by a SHA-256 hash of the token, never the token itself, and bounded in
 * number (Caffeine's size eviction). The bound on age limits how long a signing key withdrawn from the JWKS keeps its
 * tokens accepted; revoking a token before it expires is not supported, with or without the cache (SECURITY.md).
 */
final class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder decoder;
    private final Duration maxAge;
    private final Clock clock;
    private final Cache<String, Verified> verified;

    VerifiedTokenCache(JwtDecoder decoder, int maxSize, Duration maxAge, Clock clock) {
        this.decoder = decoder;
        this.maxAge = maxAge;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfterWrite(maxAge)
                .build();
    }

    /** A token the decoder accepted, usable from the cache until {@code until} and while its not-before holds. */
    private record Verified(Jwt jwt, Instant until) {

        boolean usableAt(Instant now) {
            Instant notBefore = jwt.getNotBefore();
            return now.isBefore(until) && (notBefore == null || !notBefore.isAfter(now));
        }
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        String key = hash(token);
        Instant now = clock.instant();
        Verified cached = verified.getIfPresent(key);
        if (cached != null) {
            if (cached.usableAt(now)) {
                return cached.jwt();
            }
            verified.invalidate(key);
        }
        // Throws for every token it refuses: nothing below runs for it.
        Jwt jwt = decoder.decode(token);
        Instant until = earlier(jwt.getExpiresAt(), now.plus(maxAge));
        Verified accepted = new Verified(jwt, until);
        if (accepted.usableAt(now)) {
            verified.put(key, accepted);
        }
        return jwt;
    }

    /** How many tokens are remembered, once pending evictions are done. */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private static Instant earlier(@Nullable Instant expiresAt, Instant bound) {
        return expiresAt != null && expiresAt.isBefore(bound) ? expiresAt : bound;
    }

    private static String hash(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
