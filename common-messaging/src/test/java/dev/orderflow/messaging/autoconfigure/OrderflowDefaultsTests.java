package dev.orderflow.messaging.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.web.WebDefaults;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** What a service gets from common-web's and common-messaging's defaults files, and what it can override. */
class OrderflowDefaultsTests {

    private final WebDefaults web = new WebDefaults();
    private final MessagingDefaults messaging = new MessagingDefaults();

    @Test
    void bothModulesDefaultsApplyBelowWhatTheServiceSets() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "application.yml",
                        Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://idp.example.com")));

        web.postProcessEnvironment(environment, new SpringApplication());
        messaging.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"))
                .isEqualTo("https://idp.example.com");
        assertThat(environment.getProperty("spring.security.oauth2.resourceserver.jwt.audiences"))
                .isEqualTo("orderflow");
        assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
                .isEqualTo("readinessState,db");
        assertThat(environment.getPropertySources().stream().toList().getLast().getName())
                .isEqualTo("defaultProperties");
    }

    @Test
    void noSettingIsDefaultedByBothModules() {
        assertThat(web.defaults()).isNotEmpty();
        assertThat(messaging.defaults()).isNotEmpty();
        assertThat(web.defaults().keySet())
                .doesNotContainAnyElementsOf(messaging.defaults().keySet());
    }
}
