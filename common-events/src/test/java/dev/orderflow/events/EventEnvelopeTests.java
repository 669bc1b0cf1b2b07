package dev.orderflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventEnvelopeTests {

    private static final UUID ORDER_ID = UUID.fromString("0195a3f2-7c41-7d2e-9b6a-3f1c2d4e5a60");
    private static final Instant NOW = Instant.parse("2026-03-02T09:15:30.123456789Z");

    private final EventEnvelope placed = EventEnvelope.first(EventTypes.ORDER_PLACED, ORDER_ID, NOW);

    @Test
    void firstEventOfASagaCorrelatesAndCausesItself() {
        assertThat(placed.correlationId()).isEqualTo(placed.id());
        assertThat(placed.causationId()).isEqualTo(placed.id());
        assertThat(placed.type()).isEqualTo("dev.orderflow.order.placed.v1");
        assertThat(placed.source()).isEqualTo("order-service");
        assertThat(placed.subject()).isEqualTo(ORDER_ID.toString());
    }

    @Test
    void causedByKeepsTheCorrelationAndIsCausedByTheCause() {
        EventEnvelope reserved = EventEnvelope.causedBy(placed, EventTypes.STOCK_RESERVED, ORDER_ID, NOW);
        EventEnvelope authorized = EventEnvelope.causedBy(reserved, EventTypes.PAYMENT_AUTHORIZED, ORDER_ID, NOW);

        assertThat(authorized.correlationId()).isEqualTo(placed.id());
        assertThat(authorized.causationId()).isEqualTo(reserved.id());
        assertThat(authorized.id()).isNotIn(placed.id(), reserved.id());
        assertThat(authorized.source()).isEqualTo("payment-service");
        assertThat(authorized.type()).isEqualTo(EventTypes.PAYMENT_AUTHORIZED.name());
    }

    @Test
    void timeIsTruncatedToMicrosecondsLikeADatabaseTimestamp() {
        assertThat(placed.time()).isEqualTo(Instant.parse("2026-03-02T09:15:30.123456Z"));
        assertThat(EventEnvelope.causedBy(placed, EventTypes.STOCK_RELEASED, ORDER_ID, NOW)
                        .time())
                .isEqualTo(Instant.parse("2026-03-02T09:15:30.123456Z"));
    }

    @Test
    void everyEventGetsANewId() {
        assertThat(EventEnvelope.first(EventTypes.ORDER_PLACED, ORDER_ID, NOW).id())
                .isNotEqualTo(placed.id());
    }

    @Test
    void toHeadersWritesExactlyTheCloudEventsHeadersAndContentType() {
        Map<String, String> headers = placed.toHeaders();

        assertThat(headers.keySet()).containsExactlyElementsOf(CloudEventHeaders.ENVELOPE);
        assertThat(headers)
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_id", placed.id().toString())
                .containsEntry("ce_type", "dev.orderflow.order.placed.v1")
                .containsEntry("ce_source", "order-service")
                .containsEntry("ce_time", "2026-03-02T09:15:30.123456Z")
                .containsEntry("ce_subject", ORDER_ID.toString())
                .containsEntry("ce_correlationid", placed.id().toString())
                .containsEntry("ce_causationid", placed.id().toString())
                .containsEntry("content-type", "application/json");
    }

    @Test
    void fromHeadersReadsWhatToHeadersWrote() {
        EventEnvelope caused = EventEnvelope.causedBy(placed, EventTypes.SHIPMENT_SCHEDULED, ORDER_ID, NOW);

        assertThat(EventEnvelope.fromHeaders(caused.toHeaders()::get)).isEqualTo(caused);
    }

    @Test
    void fromHeadersIgnoresOtherHeaders() {
        Map<String, String> headers = new HashMap<>(placed.toHeaders());
        headers.put(CloudEventHeaders.TRACEPARENT, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        assertThat(EventEnvelope.fromHeaders(headers::get)).isEqualTo(placed);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"ce_id", "ce_type", "ce_source", "ce_time", "ce_subject", "ce_correlationid", "ce_causationid"})
    void missingHeaderIsAnInvalidEnvelope(String name) {
        Map<String, String> headers = new HashMap<>(placed.toHeaders());
        headers.remove(name);

        assertThatExceptionOfType(InvalidEnvelopeException.class)
                .isThrownBy(() -> EventEnvelope.fromHeaders(headers::get))
                .withMessageContaining(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ce_type", "ce_source", "ce_subject"})
    void blankHeaderIsAnInvalidEnvelope(String name) {
        Map<String, String> headers = new HashMap<>(placed.toHeaders());
        headers.put(name, " ");

        assertThatExceptionOfType(InvalidEnvelopeException.class)
                .isThrownBy(() -> EventEnvelope.fromHeaders(headers::get))
                .withMessageContaining(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ce_id", "ce_correlationid", "ce_causationid", "ce_time"})
    void malformedHeaderIsAnInvalidEnvelope(String name) {
        Map<String, String> headers = new HashMap<>(placed.toHeaders());
        headers.put(name, "yesterday");

        assertThatExceptionOfType(InvalidEnvelopeException.class)
                .isThrownBy(() -> EventEnvelope.fromHeaders(headers::get))
                .withMessageContaining(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3", "2.0", ""})
    void otherSpecVersionIsAnInvalidEnvelope(String version) {
        Map<String, String> headers = new HashMap<>(placed.toHeaders());
        headers.put(CloudEventHeaders.SPEC_VERSION, version);

        assertThatExceptionOfType(InvalidEnvelopeException.class)
                .isThrownBy(() -> EventEnvelope.fromHeaders(headers::get))
                .withMessageContaining(CloudEventHeaders.SPEC_VERSION);
    }

    @Test
    void missingSpecVersionIsAnInvalidEnvelope() {
        Map<String, String> headers = new HashMap<>(placed.toHeaders());
        headers.remove(CloudEventHeaders.SPEC_VERSION);

        assertThatExceptionOfType(InvalidEnvelopeException.class)
                .isThrownBy(() -> EventEnvelope.fromHeaders(headers::get))
                .withMessageContaining(CloudEventHeaders.SPEC_VERSION);
    }
}
