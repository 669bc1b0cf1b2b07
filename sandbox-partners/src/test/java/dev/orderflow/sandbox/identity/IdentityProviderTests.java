package dev.orderflow.sandbox.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.sandbox.SandboxIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The sandbox identity provider over HTTP: tokens are checked only with what a resource server has, the JWKS. */
@SandboxIntegrationTest
class IdentityProviderTests {

    private static final String STOREFRONT = "orderflow-storefront";
    private static final String STOREFRONT_SECRET = "local-storefront-secret";
    private static final String OPERATOR = "orderflow-operator";
    private static final String OPERATOR_SECRET = "local-operator-secret";

    private final RestTestClient client;
    private final String issuer;
    private final JwtDecoder jwks;

    IdentityProviderTests(
            RestTestClient client,
            @LocalServerPort int port,
            @Value("${spring.security.oauth2.authorizationserver.issuer}") String issuer) {
        this.client = client;
        this.issuer = issuer;
        // Only the public keys served over HTTP, as a service verifying the platform's tokens would have them.
        this.jwks = NimbusJwtDecoder.withJwkSetUri("http://localhost:" + port + "/oauth2/jwks")
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
    }

    @Test
    void clientCredentialsTokenIsAnRs256JwtVerifiableWithTheJwks() {
        Map<String, Object> response = tokenWithBasicAuth(STOREFRONT, STOREFRONT_SECRET, "orders:write orders:read")
                .expectStatus()
                .isOk()
                .expectHeader()
                .value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-store"))
                .returnResult(Map.class)
                .getResponseBody();

        assertThat(response).containsEntry("token_type", "Bearer");
        // Spring Authorization Server counts expires_in from the moment it answers, so a second may have gone.
        assertThat((Integer) response.get("expires_in")).isBetween(290, 300);
        Jwt token = jwks.decode(String.valueOf(response.get("access_token")));

        assertThat(String.valueOf(token.getHeaders().get("alg"))).isEqualTo("RS256");
        assertThat(token.getHeaders()).containsKey("kid");
        assertThat(token.getIssuer()).hasToString(issuer);
        assertThat(token.getAudience()).containsExactly("orderflow");
        assertThat(token.getSubject()).isEqualTo(STOREFRONT);
        assertThat(token.getClaimAsString("client_id")).isEqualTo(STOREFRONT);
        assertThat(token.getClaimAsString("scope")).isEqualTo("orders:read orders:write");
        assertThat(token.getId()).isNotBlank();
        assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void operatorTokenCarriesOnlyTheScopesItAskedFor() {
        Map<String, Object> response = tokenWithPostedSecret(OPERATOR, OPERATOR_SECRET, "orders:admin ops:read")
                .expectStatus()
                .isOk()
                .returnResult(Map.class)
                .getResponseBody();

        Jwt token = jwks.decode(String.valueOf(response.get("access_token")));
        assertThat(token.getSubject()).isEqualTo(OPERATOR);
        assertThat(token.getClaimAsString("client_id")).isEqualTo(OPERATOR);
        assertThat(token.getAudience()).containsExactly("orderflow");
        assertThat(token.getClaimAsString("scope")).isEqualTo("ops:read orders:admin");
    }

    @Test
    void wrongClientSecretIsRefused() {
        tokenWithBasicAuth(STOREFRONT, "not-the-secret", "orders:read")
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_client")
                .jsonPath("$.access_token")
                .doesNotExist();
        tokenWithBasicAuth("no-such-client", STOREFRONT_SECRET, "orders:read")
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void unknownScopeIsRefused() {
        // A storefront may not act as an operator.
        tokenWithBasicAuth(STOREFRONT, STOREFRONT_SECRET, "orders:read orders:admin")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_scope");
    }

    @Test
    void customerTokenCarriesTheCustomerAsSubject() {
        Map<String, Object> response = customerToken(Map.of("customerId", "c-42"))
                .expectStatus()
                .isOk()
                .expectHeader()
                .value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-store"))
                .returnResult(Map.class)
                .getResponseBody();

        assertThat(response)
                .containsEntry("token_type", "Bearer")
                .containsEntry("expires_in", 300)
                .containsEntry("scope", "orders:read orders:write");
        Jwt token = jwks.decode(String.valueOf(response.get("access_token")));
        assertThat(String.valueOf(token.getHeaders().get("alg"))).isEqualTo("RS256");
        assertThat(token.getIssuer()).hasToString(issuer);
        assertThat(token.getSubject()).isEqualTo("c-42");
        assertThat(token.getAudience()).containsExactly("orderflow");
        assertThat(token.getClaimAsString("client_id")).isEqualTo("sandbox-customer-login");
        assertThat(token.getClaimAsString("scope")).isEqualTo("orders:read orders:write");
        assertThat(token.getId()).isNotBlank();
        assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofMinutes(5));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"customerId\":\"\"}",
                "{\"customerId\":\"c 42\"}",
                "{\"customerId\":\"c/42\"}",
                "{\"customerId\":\"ü\"}",
                "{\"customerId\":\"a1234567890123456789012345678901234567890123456789012345678901234\"}",
                "{}",
                "{\"customerId\":null}",
                "not json"
            })
    void invalidCustomerIdIsRefusedWithProblemDetails(String body) {
        client.post()
                .uri("/sandbox/customer-tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(400)
                .jsonPath("$.access_token")
                .doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"orderflow-storefront", "orderflow-operator", "sandbox-customer-login"})
    void customerIdThatIsAClientIdIsRefused(String clientId) {
        customerToken(Map.of("customerId", clientId))
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("customerId must not be a client id")
                .jsonPath("$.access_token")
                .doesNotExist();
    }

    @Test
    void storefrontAndOperatorMayAskForTheBackendGrant() {
        for (String[] client : new String[][] {{STOREFRONT, STOREFRONT_SECRET}, {OPERATOR, OPERATOR_SECRET}}) {
            Map<String, Object> response = tokenWithBasicAuth(client[0], client[1], "orders:read orders:any-customer")
                    .expectStatus()
                    .isOk()
                    .returnResult(Map.class)
                    .getResponseBody();

            Jwt token = jwks.decode(String.valueOf(response.get("access_token")));
            assertThat(token.getClaimAsString("scope")).isEqualTo("orders:any-customer orders:read");
        }
    }

    @Test
    void customerTokenNeverCarriesTheBackendGrant() {
        Map<String, Object> response = customerToken(Map.of("customerId", "c-43"))
                .expectStatus()
                .isOk()
                .returnResult(Map.class)
                .getResponseBody();

        Jwt token = jwks.decode(String.valueOf(response.get("access_token")));
        assertThat(token.getClaimAsString("scope")).doesNotContain("orders:any-customer");
    }

    @Test
    void customerIdsUpToSixtyFourCharactersAreAccepted() {
        customerToken(Map.of("customerId", "A._-" + "9".repeat(60)))
                .expectStatus()
                .isOk();
        customerToken(Map.of("customerId", "x")).expectStatus().isOk();
    }

    @Test
    void discoveryDocumentNamesTheJwksAndTokenEndpoints() {
        for (String document :
                List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
            client.get()
                    .uri(document)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.issuer")
                    .isEqualTo(issuer)
                    .jsonPath("$.jwks_uri")
                    .isEqualTo(issuer + "/oauth2/jwks")
                    .jsonPath("$.token_endpoint")
                    .isEqualTo(issuer + "/oauth2/token")
                    .jsonPath("$.grant_types_supported[?(@ == 'client_credentials')]")
                    .exists()
                    .jsonPath("$.token_endpoint_auth_methods_supported[?(@ == 'client_secret_basic')]")
                    .exists()
                    .jsonPath("$.token_endpoint_auth_methods_supported[?(@ == 'client_secret_post')]")
                    .exists();
        }
    }

    @Test
    void jwksPublishesOneRsaSigningKeyWithoutItsPrivateParts() {
        client.get()
                .uri("/oauth2/jwks")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.keys.length()")
                .isEqualTo(1)
                .jsonPath("$.keys[0].kty")
                .isEqualTo("RSA")
                .jsonPath("$.keys[0].kid")
                .isNotEmpty()
                .jsonPath("$.keys[0].n")
                .isNotEmpty()
                .jsonPath("$.keys[0].d")
                .doesNotExist()
                .jsonPath("$.keys[0].p")
                .doesNotExist();
    }

    @Test
    void partnerEndpointsStayOpen() {
        client.get()
                .uri("/provider/settings")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist(HttpHeaders.SET_COOKIE);
        client.get().uri("/carrier/settings").exchange().expectStatus().isOk();
        // A state-changing call without a CSRF token or credentials, as the services make it.
        client.put()
                .uri("/carrier/settings")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("latencyMs", 0, "errorRate", 0.0))
                .exchange()
                .expectStatus()
                .isOk();
        client.get().uri("/provider/charges").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        // Unknown paths are still plain 404s, not a login challenge.
        client.get()
                .uri("/no/such/path")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .doesNotExist(HttpHeaders.WWW_AUTHENTICATE);
    }

    @Test
    void authorizationServerEndpointsStillNeedCredentials() {
        client.post()
                .uri("/oauth2/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form("client_credentials", "orders:read"))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        client.get().uri("/userinfo").exchange().expectStatus().isUnauthorized();
    }

    private RestTestClient.ResponseSpec tokenWithBasicAuth(String clientId, String secret, String scope) {
        return client.post()
                .uri("/oauth2/token")
                .headers(headers -> headers.setBasicAuth(clientId, secret))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form("client_credentials", scope))
                .exchange();
    }

    private RestTestClient.ResponseSpec tokenWithPostedSecret(String clientId, String secret, String scope) {
        MultiValueMap<String, String> form = form("client_credentials", scope);
        form.add("client_id", clientId);
        form.add("client_secret", secret);
        return client.post()
                .uri("/oauth2/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .exchange();
    }

    private RestTestClient.ResponseSpec customerToken(Map<String, Object> body) {
        return client.post()
                .uri("/sandbox/customer-tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }

    private static MultiValueMap<String, String> form(String grantType, String scope) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", grantType);
        form.add("scope", scope);
        return form;
    }
}
