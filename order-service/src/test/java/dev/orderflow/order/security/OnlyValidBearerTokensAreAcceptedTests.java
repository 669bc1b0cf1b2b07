package dev.orderflow.order.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.orderflow.order.support.OrderServiceOnRealPorts;
import dev.orderflow.testsupport.TestIdentityProvider;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * OWASP API2:2023 Broken Authentication. Every token is checked by signature against the identity provider's JWKS, by
 * issuer, audience, expiry and algorithm; whatever fails answers 401 with a Bearer challenge and problem details that
 * do not say which check failed. Over real HTTP, as an attacker would send it.
 */
@OrderServiceOnRealPorts
class OnlyValidBearerTokensAreAcceptedTests {

    private static final String LIST = "/api/orders?customerId=api2";

    private final TestIdentityProvider identity = TestIdentityProvider.shared();

    @LocalServerPort
    private int port;

    private RealHttp http;

    @BeforeEach
    void connect() {
        http = new RealHttp(port);
    }

    @Test
    void validTokenIsAccepted() {
        assertThat(http.get(LIST, identity.clientToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void missingTokenIsRefusedWithABearerChallenge() {
        HttpResponse<String> response = http.get(LIST, null);

        assertUnauthorized(response);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() throws Exception {
        RSAKey forger = new RSAKeyGenerator(2048).keyID("forged").generate();

        assertInvalid(identity.token().scopes("orders:read").signedWith(forger).sign());
    }

    @Test
    void tokenWithTheRightKeyIdButAnotherKeyIsRefused() throws Exception {
        String kid = SignedJWT.parse(identity.clientToken()).getHeader().getKeyID();
        RSAKey forger = new RSAKeyGenerator(2048).keyID(kid).generate();

        assertInvalid(identity.token().scopes("orders:read").signedWith(forger).sign());
    }

    @Test
    void tokenOfAnotherIssuerIsRefused() {
        assertInvalid(identity.token()
                .scopes("orders:read")
                .issuer("https://attacker.example/")
                .sign());
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        assertInvalid(identity.token()
                .scopes("orders:read")
                .audience("some-other-api")
                .sign());
    }

    @Test
    void expiredTokenIsRefused() {
        assertInvalid(identity.token()
                .scopes("orders:read")
                .issuedAt(Instant.now().minus(Duration.ofHours(1)))
                .timeToLive(Duration.ofMinutes(5))
                .sign());
    }

    @Test
    void unsignedTokenWithAlgNoneIsRefused() {
        String unsigned = new PlainJWT(identity.token().scopes("orders:read").claims()).serialize();

        assertInvalid(unsigned);
    }

    @Test
    void tokenSignedWithAnAlgorithmOffTheAllowListIsRefused() throws Exception {
        // HS256 keyed with a guessable secret: the classic confusion attack on verifiers that take "alg" from the
        // token.
        SignedJWT hmac = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                identity.token().scopes("orders:read").claims());
        hmac.sign(new MACSigner("k".repeat(64)));

        assertInvalid(hmac.serialize());
    }

    @Test
    void garbageTokenIsRefused() {
        assertInvalid("not.a.jwt");
    }

    @Test
    void tokenWithoutSubjectIsRefused() {
        assertInvalid(identity.token().subject(null).scopes("orders:read").sign());
    }

    private void assertInvalid(String token) {
        HttpResponse<String> response = http.get(LIST, token);

        assertUnauthorized(response);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body())
                .contains("\"status\":401")
                .doesNotContainIgnoringCase("signature")
                .doesNotContainIgnoringCase("exception")
                .doesNotContain("Jwt");
    }
}
