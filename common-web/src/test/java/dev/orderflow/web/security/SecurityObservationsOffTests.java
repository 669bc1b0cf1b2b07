package dev.orderflow.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.orderflow.web.support.ObservationNames;
import dev.orderflow.web.support.WebIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * With Spring Security's observations off ({@code management.observations.enable.spring.security=false}, common-web's
 * default), a request pays nothing for them: Spring Security decorates its filter chain and wraps its authentication
 * and authorization managers whenever there is an observation registry, and the property alone only turns each
 * observation into a no-op after it has been made, per filter and per request.
 */
@WebIntegrationTest
class SecurityObservationsOffTests {

    private final MockMvc mvc;
    private final ObservationNames observations;
    private final JsonMapper json;

    SecurityObservationsOffTests(MockMvc mvc, ObservationNames observations, JsonMapper json) {
        this.mvc = mvc;
        this.observations = observations;
        this.json = json;
    }

    @Test
    void theFilterChainRunsUndecorated() throws Exception {
        List<String> stack = json.readValue(
                mvc.perform(get("/api/test/call-stack"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString(),
                new TypeReference<>() {});

        assertThat(stack)
                .contains("org.springframework.security.web.FilterChainProxy")
                .noneMatch(
                        frame -> frame.startsWith("org.springframework.security.web.ObservationFilterChainDecorator"));
    }

    @Test
    void noSecurityObservationIsEvenCreated() throws Exception {
        observations.clear();

        mvc.perform(get("/api/test/call-stack"));

        assertThat(observations.created())
                .contains("http.server.requests")
                .noneMatch(name -> name.startsWith("spring.security."));
    }
}
