package dev.orderflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpringPropertiesTests {

    private final SpringProperties properties = new SpringProperties();

    @Test
    void variablesNamingSpringBootOrOrderflowPropertiesAreKnown() {
        assertThat(properties.isKnown("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isTrue();
        assertThat(properties.isKnown("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM")).isTrue();
        assertThat(properties.isKnown("SPRING_DATASOURCE_URL")).isTrue();
        assertThat(properties.isKnown("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT"))
                .isTrue();
        assertThat(properties.isKnown("ORDERFLOW_PARTNERS_PROVIDER_BASE_URL")).isTrue();
        assertThat(properties.isKnown("ORDERFLOW_NOTIFICATIONS_WEBHOOK_SECRET")).isTrue();
        assertThat(properties.isKnown("ORDERFLOW_MESSAGING_TOPICS_CREATE")).isTrue();
    }

    @Test
    void misspelledOrInventedVariablesAreNot() {
        assertThat(properties.isKnown("SPRING_KAFKA_BOOTSTRAP_SERVER")).isFalse();
        assertThat(properties.isKnown("SPRING_DATASOURCE_URI")).isFalse();
        assertThat(properties.isKnown("ORDERFLOW_PARTNERS_PROVIDER_BASEURLS")).isFalse();
        assertThat(properties.isKnown("ORDERFLOW_ORDERS_DEADLINES")).isFalse();
        assertThat(properties.isKnown("DATABASE_PASSWORD")).isFalse();
    }
}
