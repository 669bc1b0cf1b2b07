package dev.orderflow.sandbox.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.sandbox.SandboxIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Boot's own authorization server chain and its "everything authenticated" default chain back off once the
 * sandbox declares its chains; if they did not, the partners' open endpoints would sit behind a login.
 */
@SandboxIntegrationTest
class FilterChainsTests {

    private final Map<String, SecurityFilterChain> chains;
    private final FilterChainProxy filterChainProxy;

    FilterChainsTests(Map<String, SecurityFilterChain> chains, FilterChainProxy filterChainProxy) {
        this.chains = chains;
        this.filterChainProxy = filterChainProxy;
    }

    @Test
    void onlyTheSandboxChainsAreInstalledAuthorizationServerFirst() {
        assertThat(chains).containsOnlyKeys("identityProviderSecurityFilterChain", "partnerSecurityFilterChain");
        assertThat(filterChainProxy.getFilterChains())
                .containsExactly(
                        chains.get("identityProviderSecurityFilterChain"), chains.get("partnerSecurityFilterChain"));
    }
}
