package dev.orderflow.web.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.testsupport.TestIdentityProvider;
import dev.orderflow.web.support.WebIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The rules end with deny-all and each names its methods (ADR 0016): what no rule names is refused even with every
 * scope, and HEAD is held to GET's rule instead of falling through. The test application names GET, POST and PUT of
 * {@code /api/test/**} for any valid token; its requests carry the tests' token with every scope.
 */
@WebIntegrationTest
class DenyByDefaultTests {

    private final MockMvc mvc;

    DenyByDefaultTests(MockMvc mvc) {
        this.mvc = mvc;
    }

    @Test
    void aPathNoRuleNamesIsRefusedEvenWithEveryScope() throws Exception {
        mvc.perform(get("/api/unnamed"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aMethodNoRuleNamesIsRefusedEvenWithEveryScope() throws Exception {
        mvc.perform(delete("/api/test/pages")).andExpect(status().isForbidden());
        mvc.perform(patch("/api/test/lines")).andExpect(status().isForbidden());
        mvc.perform(options("/api/test/pages")).andExpect(status().isForbidden());
    }

    @Test
    void headIsHeldToTheRuleOfGet() throws Exception {
        String reader = "Bearer " + TestIdentityProvider.shared().clientTokenWith(Scopes.ORDERS_READ);

        mvc.perform(head("/api/test/pages").param("size", "1")).andExpect(status().isOk());
        mvc.perform(head("/api/admin/dead-letters").header(HttpHeaders.AUTHORIZATION, reader))
                .andExpect(status().isForbidden());
    }

    @Test
    void theErrorPageIsNoEndpointOfItsOwn() throws Exception {
        mvc.perform(get("/error")).andExpect(status().isForbidden());
    }

    @Test
    void withoutATokenAnUnnamedMethodAsksForOne() throws Exception {
        mvc.perform(delete("/api/test/pages").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token"))
                .andExpect(status().isUnauthorized());
    }
}
