package dev.orderflow.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real JWT issuer for tests, one per JVM: an RSA key made at start, its public half served as a JWKS over HTTP on a
 * free loopback port, and RS256 tokens signed with it. Services under test validate these tokens exactly as they
 * validate any identity provider's (signature through the JWKS, issuer, audience, expiry): the test infrastructure
 * points {@code spring.security.oauth2.resourceserver.jwt.*} here.
 */
public final class TestIdentityProvider implements AutoCloseable {

    /** The audience every Orderflow service expects (spring.security.oauth2.resourceserver.jwt.audiences). */
    public static final String AUDIENCE = "orderflow";

    /** The client id of the tests' own client, which acts for any customer by the grant orders:any-customer. */
    public static final String TEST_CLIENT = "orderflow-tests";

    /** The client ids of the sandbox's two clients, which the tests' storefront and operator tokens stand in for. */
    public static final String STOREFRONT_CLIENT = "orderflow-storefront";

    public static final String OPERATOR_CLIENT = "orderflow-operator";

    public static final String ORDERS_WRITE = "orders:write";
    public static final String ORDERS_READ = "orders:read";
    public static final String ORDERS_ADMIN = "orders:admin";
    public static final String OPS_READ = "ops:read";

    /** The backend grant: acting for any customer (SECURITY.md, ADR 0016). */
    public static final String ORDERS_ANY_CUSTOMER = "orders:any-customer";

    /** Every scope of the Orderflow APIs. */
    public static final List<String> ALL_SCOPES =
            List.of(ORDERS_WRITE, ORDERS_READ, ORDERS_ADMIN, OPS_READ, ORDERS_ANY_CUSTOMER);

    private static final SharedResource<TestIdentityProvider> SHARED =
            new SharedResource<>("identity provider", TestIdentityProvider::start);

    private final RSAKey key;
    private final HttpServer server;
    private final String issuer;

    private TestIdentityProvider(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/issuer";
    }

    /** The identity provider of this JVM, started on first use. */
    public static TestIdentityProvider shared() {
        return SHARED.get();
    }

    private static TestIdentityProvider start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/issuer/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            });
            server.start();
            return new TestIdentityProvider(key, server);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not make the test signing key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the test JWKS endpoint", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/jwks";
    }

    /**
     * A token of the tests' own client with every scope, the backend grant included: what the integration tests act
     * with unless they say else.
     */
    public String clientToken() {
        return token().subject(TEST_CLIENT)
                .clientId(TEST_CLIENT)
                .scopes(ALL_SCOPES.toArray(String[]::new))
                .sign();
    }

    /** A shop backend's token, as the sandbox issues the storefront's: orders for any customer, nothing else. */
    public String storefrontToken() {
        return token().subject(STOREFRONT_CLIENT)
                .clientId(STOREFRONT_CLIENT)
                .scopes(ORDERS_WRITE, ORDERS_READ, ORDERS_ANY_CUSTOMER)
                .sign();
    }

    /** The operator's token, as the sandbox issues it: catalog, stock, admin and read APIs, any customer's orders read. */
    public String operatorToken() {
        return token().subject(OPERATOR_CLIENT)
                .clientId(OPERATOR_CLIENT)
                .scopes(ORDERS_ADMIN, OPS_READ, ORDERS_READ, ORDERS_ANY_CUSTOMER)
                .sign();
    }

    /**
     * A token of a client of its own (a fresh subject, its own client id) holding just these scopes: without
     * orders:any-customer it acts, like any token without the grant, only for the customer that is its subject.
     */
    public String clientTokenWith(String... scopes) {
        String client = "client-" + UUID.randomUUID();
        return token().subject(client).clientId(client).scopes(scopes).sign();
    }

    /** A customer's token, as a storefront login would give: the customer is the subject, read and write scopes. */
    public String customerToken(String customerId) {
        return token().subject(customerId)
                .clientId("storefront-login")
                .scopes(ORDERS_WRITE, ORDERS_READ)
                .sign();
    }

    /** A token to shape: valid by default (this issuer, the Orderflow audience, an hour to live, RS256). */
    public Token token() {
        return new Token();
    }

    /** A token under construction; each setter returns this builder. */
    public final class Token {
        private String subject = TEST_CLIENT;
        private String clientId = TEST_CLIENT;
        private String tokenIssuer = issuer;
        private List<String> audience = List.of(AUDIENCE);
        private List<String> scopes = new ArrayList<>();
        private Instant issuedAt = Instant.now();
        private Duration timeToLive = Duration.ofHours(2);
        private RSAKey signingKey = key;

        private Token() {}

        public Token subject(String value) {
            this.subject = value;
            return this;
        }

        public Token clientId(String value) {
            this.clientId = value;
            return this;
        }

        public Token issuer(String value) {
            this.tokenIssuer = value;
            return this;
        }

        public Token audience(String... values) {
            this.audience = List.of(values);
            return this;
        }

        public Token scopes(String... values) {
            this.scopes = List.of(values);
            return this;
        }

        /** Issued at this instant and valid for the time to live from then on. */
        public Token issuedAt(Instant value) {
            this.issuedAt = value;
            return this;
        }

        public Token timeToLive(Duration value) {
            this.timeToLive = value;
            return this;
        }

        /** Signs with another key than the one the JWKS publishes: a forged token. */
        public Token signedWith(RSAKey value) {
            this.signingKey = value;
            return this;
        }

        public JWTClaimsSet claims() {
            return new JWTClaimsSet.Builder()
                    .issuer(tokenIssuer)
                    .subject(subject)
                    .audience(audience)
                    .issueTime(Date.from(issuedAt))
                    .notBeforeTime(Date.from(issuedAt))
                    .expirationTime(Date.from(issuedAt.plus(timeToLive)))
                    .jwtID(UUID.randomUUID().toString())
                    .claim("client_id", clientId)
                    .claim("scope", String.join(" ", scopes))
                    .build();
        }

        /** The compact RS256 JWT. */
        public String sign() {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(signingKey.getKeyID())
                            .build(),
                    claims());
            try {
                jwt.sign(new RSASSASigner(signingKey));
            } catch (JOSEException e) {
                throw new IllegalStateException("Could not sign a test token", e);
            }
            return jwt.serialize();
        }
    }

    /** The properties that make a service trust this issuer. */
    public Map<String, Object> resourceServerProperties() {
        return Map.of(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer(),
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", jwkSetUri());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
