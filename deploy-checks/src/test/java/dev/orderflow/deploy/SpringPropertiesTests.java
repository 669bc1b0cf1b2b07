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
        assertThat(properties.isKnown("SPRING_HTTP_SERVICECLIENT_PROVIDER_BASEURL"))
                .isTrue();
        assertThat(properties.isKnown("ORDERFLOW_NOTIFICATIONS_WEBHOOK_SECRET")).isTrue();
        assertThat(properties.isKnown("ORDERFLOW_MESSAGING_TOPICS_CREATE")).isTrue();
        assertThat(properties.isKnown("ORDERFLOW_MESSAGING_RELAY_BATCH_SIZE")).isTrue();
    }

    @Test
    void misspelledOrInventedVariablesAreNot() {
        assertThat(properties.isKnown("SPRING_KAFKA_BOOTSTRAP_SERVER")).isFalse();
        assertThat(properties.isKnown("SPRING_DATASOURCE_URI")).isFalse();
        assertThat(properties.isKnown("ORDERFLOW_MESSAGING_PARTNERWORK_LEASES")).isFalse();
        assertThat(properties.isKnown("ORDERFLOW_PARTNERS_PROVIDER_BASE_URL"))
                .as("removed in ADR 0010")
                .isFalse();
        assertThat(properties.isKnown("ORDERFLOW_ORDERS_DEADLINES")).isFalse();
        assertThat(properties.isKnown("DATABASE_PASSWORD")).isFalse();
    }

    @Test
    void aSettingUnderTheWrongGroupOrOneThatWasRemovedIsNot() {
        // retention.inbox exists; relay.inbox does not
        assertThat(properties.isKnown("ORDERFLOW_MESSAGING_RETENTION_INBOX")).isTrue();
        assertThat(properties.isKnown("ORDERFLOW_MESSAGING_RELAY_INBOX")).isFalse();
        // replaced by spring.kafka.consumer.max-poll-records (ADR 0009)
        assertThat(properties.isKnown("ORDERFLOW_MESSAGING_CONSUMER_MAX_POLL_RECORDS"))
                .isFalse();
        assertThat(properties.isKnown("SPRING_KAFKA_CONSUMER_MAX_POLL_RECORDS")).isTrue();
    }
}
