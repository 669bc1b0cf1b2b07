package dev.orderflow.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * A verified token is reused until the earlier of its expiry and the cache's bound, and never beyond what the decoder
 * would accept: the tokens here are checked by a real RS256 decoder with issuer, audience and time validators on the
 * same clock as the cache.
 */
class VerifiedTokenCacheTests {

    private static final String ISSUER = "https://issuer.test";
    private static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final TestClock clock = new TestClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final RSAKey key = rsaKey("signing");
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder verifying = counting(decoder(key));

    @Test
    void aCachedTokenIsNotVerifiedAgain() {
        VerifiedTokenCache cache = cache(10);
        String token = sign(key, Duration.ofMinutes(30));

        Jwt first = cache.decode(token);
        Jwt again = cache.decode(token);

        assertThat(again).isEqualTo(first);
        assertThat(again.getSubject()).isEqualTo("ana");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void anExpiredTokenIsRefusedAlthoughItsEarlierUseIsCached() {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifying, 10, Duration.ofHours(1), clock);
        String token = sign(key, Duration.ofMinutes(2));
        cache.decode(token);

        clock.advance(Duration.ofMinutes(4));

        assertThatThrownBy(() -> cache.decode(token)).isInstanceOf(JwtException.class);
    }

    @Test
    void aTokenNotValidYetIsNotAnsweredFromTheCache() {
        VerifiedTokenCache cache = cache(10);
        String token = sign(key, clock.instant().plusSeconds(30), Duration.ofMinutes(30));
        cache.decode(token);

        cache.decode(token);

        // Accepted within the decoder's clock skew each time, but only by the decoder: not before nbf from the cache.
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTamperedTokenWithTheSameClaimsIsRefused() {
        VerifiedTokenCache cache = cache(10);
        String token = sign(key, Duration.ofMinutes(30));
        cache.decode(token);
        String signedByAnother = sign(rsaKey(key.getKeyID()), claimsOf(token));
        String sameClaimsOtherSignature = token.substring(0, token.lastIndexOf('.'))
                + signedByAnother.substring(signedByAnother.lastIndexOf('.'));

        assertThatThrownBy(() -> cache.decode(sameClaimsOtherSignature)).isInstanceOf(JwtException.class);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        VerifiedTokenCache cache = cache(10);
        String forged = sign(rsaKey(key.getKeyID()), Duration.ofMinutes(30));

        assertThatThrownBy(() -> cache.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> cache.decode(forged)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aCachedTokenIsVerifiedAgainAfterTheBound() {
        VerifiedTokenCache cache = cache(10);
        String token = sign(key, Duration.ofHours(1));
        cache.decode(token);

        clock.advance(MAX_AGE.plusSeconds(1));
        cache.decode(token);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void theCacheKeepsAtMostItsMaximumOfTokens() {
        VerifiedTokenCache cache = cache(10);

        for (int i = 0; i < 50; i++) {
            cache.decode(sign(key, Duration.ofMinutes(30)));
        }

        assertThat(cache.size()).isBetween(1L, 10L);
    }

    private VerifiedTokenCache cache(int maxSize) {
        return new VerifiedTokenCache(verifying, maxSize, MAX_AGE, clock);
    }

    /** What Boot builds from the resource-server properties: RS256 only, issuer, audience, time with 60 s of skew. */
    private JwtDecoder decoder(RSAKey publicKey) {
        try {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(publicKey.toRSAPublicKey())
                    .signatureAlgorithm(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256)
                    .build();
            JwtTimestampValidator time = new JwtTimestampValidator(Duration.ofSeconds(60));
            time.setClock(clock);
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    time,
                    new JwtIssuerValidator(ISSUER),
                    new JwtClaimValidator<List<String>>(
                            JwtClaimNames.AUD, aud -> aud != null && aud.contains("orderflow"))));
            return decoder;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private JwtDecoder counting(JwtDecoder decoder) {
        return token -> {
            verifications.incrementAndGet();
            return decoder.decode(token);
        };
    }

    private String sign(RSAKey signingKey, Duration timeToLive) {
        return sign(signingKey, clock.instant(), timeToLive);
    }

    private String sign(RSAKey signingKey, Instant notBefore, Duration timeToLive) {
        return sign(
                signingKey,
                new JWTClaimsSet.Builder()
                        .issuer(ISSUER)
                        .audience("orderflow")
                        .subject("ana")
                        .issueTime(Date.from(clock.instant()))
                        .notBeforeTime(Date.from(notBefore))
                        .expirationTime(Date.from(notBefore.plus(timeToLive)))
                        .jwtID(UUID.randomUUID().toString())
                        .build());
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(signingKey.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet claimsOf(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey rsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock the test moves. */
    private static final class TestClock extends Clock {

        private Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
