package dev.orderflow.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.security.config.observation.SecurityObservationSettings;

/** Spring Security observes what the registry records, and nothing it would refuse. */
class SecurityObservationsTests {

    @Test
    void whatTheRegistryRefusesIsNotObserved() {
        ObservationRegistry registry = recording();
        registry.observationConfig().observationPredicate((name, context) -> !name.startsWith("spring.security."));

        SecurityObservationSettings settings = SecurityObservations.settings(registry);

        assertThat(settings.shouldObserveRequests()).isFalse();
        assertThat(settings.shouldObserveAuthentications()).isFalse();
        assertThat(settings.shouldObserveAuthorizations()).isFalse();
    }

    @Test
    void whatTheRegistryRecordsIsObserved() {
        ObservationRegistry registry = recording();
        registry.observationConfig()
                .observationPredicate((name, context) -> !name.equals("spring.security.authorizations"));

        SecurityObservationSettings settings = SecurityObservations.settings(registry);

        assertThat(settings.shouldObserveRequests()).isTrue();
        assertThat(settings.shouldObserveAuthentications()).isTrue();
        assertThat(settings.shouldObserveAuthorizations()).isFalse();
    }

    @Test
    void withoutARegistryNothingIsObserved() {
        SecurityObservationSettings settings = SecurityObservations.settings(ObservationRegistry.NOOP);

        assertThat(settings.shouldObserveRequests()).isFalse();
        assertThat(settings.shouldObserveAuthentications()).isFalse();
        assertThat(settings.shouldObserveAuthorizations()).isFalse();
    }

    /** A registry that records: one with a handler. */
    private static ObservationRegistry recording() {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        return registry;
    }
}
