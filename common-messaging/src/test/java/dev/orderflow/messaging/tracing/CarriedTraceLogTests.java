package dev.orderflow.messaging.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.CloudEventHeaders;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * A context carried without a span in scope (an unsampled hop, or a partner's answer recorded on another thread) still
 * puts its trace into the log lines written meanwhile, so a service's logs about an order can be found by its trace id.
 */
class CarriedTraceLogTests {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_ID = "00f067aa0ba902b7";

    private final MicrometerTracePropagation tracing = new MicrometerTracePropagation(Tracer.NOOP, Propagator.NOOP);

    @Test
    void logLinesWrittenWhileACarriedContextIsInScopeNameItsTrace() {
        try (TraceContextPropagation.Continued carried =
                tracing.carry(Map.of(CloudEventHeaders.TRACEPARENT, "00-" + TRACE_ID + "-" + PARENT_ID + "-00"))) {
            assertThat(MDC.get("traceId")).isEqualTo(TRACE_ID);
            assertThat(MDC.get("spanId")).isEqualTo(PARENT_ID);
        }
        assertThat(MDC.get("traceId")).as("gone once the context is closed").isNull();
        assertThat(MDC.get("spanId")).isNull();
    }

    @Test
    void aTraceAlreadyInTheLogFieldsIsLeftAsItIs() {
        MDC.put("traceId", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        try (TraceContextPropagation.Continued carried =
                tracing.carry(Map.of(CloudEventHeaders.TRACEPARENT, "00-" + TRACE_ID + "-" + PARENT_ID + "-01"))) {
            assertThat(MDC.get("traceId")).isEqualTo("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        } finally {
            assertThat(MDC.get("traceId")).isEqualTo("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
            MDC.remove("traceId");
        }
    }
}
