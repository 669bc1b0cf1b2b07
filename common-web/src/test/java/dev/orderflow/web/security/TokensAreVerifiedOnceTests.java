package dev.orderflow.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.testsupport.TestIdentityProvider;
import dev.orderflow.web.support.WebIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;

/** The resource server decodes bearer tokens through the cache of verified tokens, around Boot's own decoder. */
@WebIntegrationTest
class TokensAreVerifiedOnceTests {

    private final MockMvc mvc;
    private final JwtDecoder decoder;

    TokensAreVerifiedOnceTests(MockMvc mvc, JwtDecoder decoder) {
        this.mvc = mvc;
        this.decoder = decoder;
    }

    @Test
    void aTokenIsRememberedOnceAcceptedAndAcceptedAgain() throws Exception {
        assertThat(decoder).isInstanceOf(VerifiedTokenCache.class);
        VerifiedTokenCache cache = (VerifiedTokenCache) decoder;
        String token = TestIdentityProvider.shared().clientTokenWith(Scopes.ORDERS_READ);
        long before = cache.size();

        mvc.perform(get("/api/test/pages").param("size", "1").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isOk());
        mvc.perform(get("/api/test/pages").param("size", "1").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isOk());

        assertThat(cache.size()).isEqualTo(before + 1);
    }
}
