package dev.orderflow.messaging.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.messaging.support.MessagingIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

/** What an observation costs in meters with Orderflow's defaults: its timer, without a long-task timer nobody reads. */
@MessagingIntegrationTest
class ObservationMetersTests {

    private final ObservationRegistry observations;
    private final MeterRegistry meters;

    ObservationMetersTests(ObservationRegistry observations, MeterRegistry meters) {
        this.observations = observations;
        this.meters = meters;
    }

    @Test
    void anObservationRecordsItsTimerButNoLongTaskTimer() {
        Observation.createNotStarted("orderflow.test.work", observations).observe(() -> {
            assertThat(meters.find("orderflow.test.work.active").longTaskTimer())
                    .as("long-task timer while the work runs")
                    .isNull();
        });

        assertThat(meters.find("orderflow.test.work").timer()).isNotNull();
        assertThat(meters.find("orderflow.test.work.active").meters()).isEmpty();
    }
}
