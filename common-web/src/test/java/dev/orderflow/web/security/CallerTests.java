package dev.orderflow.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Only the grant orders:any-customer makes a backend (ADR 0016); names are never compared. */
class CallerTests {

    @Test
    void aTokenWhoseSubjectIsItsOwnClientIdIsStillACustomer() {
        // Issue 18: the sandbox's customer login let anyone choose the subject "sandbox-customer-login".
        Caller caller = Caller.of(token("sandbox-customer-login", "sandbox-customer-login", Scopes.ORDERS_READ));

        assertThat(caller.customer()).isTrue();
        assertThat(caller.mayActFor("another-customer")).isFalse();
        assertThat(caller.mayActFor("sandbox-customer-login")).isTrue();
    }

    @Test
    void theGrantMakesABackendWhateverItsSubject() {
        Caller caller =
                Caller.of(token("service-account-7f3a", "storefront", Scopes.ORDERS_READ, Scopes.ORDERS_ANY_CUSTOMER));

        assertThat(caller.customer()).isFalse();
        assertThat(caller.mayActFor("any-customer-at-all")).isTrue();
    }

    @Test
    void aClientTokenWithoutTheGrantActsOnlyForItsSubject() {
        Caller caller = Caller.of(token("orderflow-operator", "orderflow-operator", Scopes.ORDERS_ADMIN));

        assertThat(caller.customer()).isTrue();
        assertThat(caller.mayActFor("c-1")).isFalse();
    }

    private static JwtAuthenticationToken token(String subject, String clientId, String... scopes) {
        Jwt jwt = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject(subject)
                .claim("client_id", clientId)
                .claim("scope", String.join(" ", scopes))
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60))
                .build();
        List<SimpleGrantedAuthority> authorities = Arrays.stream(scopes)
                .map(scope -> new SimpleGrantedAuthority(Scopes.authority(scope)))
                .toList();
        return new JwtAuthenticationToken(jwt, authorities);
    }
}
