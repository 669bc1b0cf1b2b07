package dev.orderflow.web.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.testsupport.TestIdentityProvider;
import dev.orderflow.web.support.WebIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The security filters answer like the rest of the API: problem details, with the RFC 6750 challenge. */
@WebIntegrationTest
class SecurityProblemsTests {

    private final MockMvc mvc;

    SecurityProblemsTests(MockMvc mvc) {
        this.mvc = mvc;
    }

    @Test
    void anInvalidTokenIs401WithABearerChallenge() throws Exception {
        mvc.perform(get("/api/test/pages").param("size", "1").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.instance").value("/api/test/pages"));
    }

    @Test
    void adminPathsNeedTheAdminScope() throws Exception {
        String reader = TestIdentityProvider.shared().clientTokenWith(Scopes.ORDERS_READ);

        mvc.perform(get("/api/admin/anything").header(HttpHeaders.AUTHORIZATION, "Bearer " + reader))
                .andExpect(status().isForbidden())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\""))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("The token's scopes do not allow this request"));
    }
}
