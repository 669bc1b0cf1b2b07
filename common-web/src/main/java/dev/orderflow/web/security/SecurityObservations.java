package dev.orderflow.web.security;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Arrays;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Which of Spring Security's observations to make at all: those the observation registry would record. Spring
 * Security decorates its filter chain and wraps its authentication and authorization managers whenever a registry
 * exists; Boot's {@code management.observations.enable.*} properties (common-web turns {@code spring.security} off) act
 * only on each observation once made, so without these settings every request still built the decorated chain, a
 * context per observation and the names of its events, only to throw them away.
 */
final class SecurityObservations {

    private SecurityObservations() {}

    static SecurityObservationSettings settings(ObservationRegistry registry) {
        return SecurityObservationSettings.withDefaults()
                .shouldObserveRequests(recorded(
                        registry,
                        "spring.security.filterchains",
                        "spring.security.http.secured.requests",
                        "spring.security.http.unsecured.requests"))
                .shouldObserveAuthentications(recorded(registry, "spring.security.authentications"))
                .shouldObserveAuthorizations(recorded(registry, "spring.security.authorizations"))
                .build();
    }

    /** Whether the registry, its predicates (the properties among them) asked, records any of these observations. */
    private static boolean recorded(ObservationRegistry registry, String... names) {
        return Arrays.stream(names)
                .anyMatch(name -> !Observation.createNotStarted(name, registry).isNoop());
    }
}
