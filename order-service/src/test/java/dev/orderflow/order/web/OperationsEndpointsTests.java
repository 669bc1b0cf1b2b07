package dev.orderflow.order.web;

import static dev.orderflow.order.support.OrderTestKit.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.order.support.OrderServiceIntegrationTest;
import dev.orderflow.order.support.OrderTestKit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.test.web.servlet.MockMvc;

/** What operators scrape: the saga's business metrics in Prometheus format, and only the agreed actuator endpoints. */
@OrderServiceIntegrationTest
class OperationsEndpointsTests {

    private final MockMvc mvc;
    private final OrderTestKit kit;
    private final HealthEndpointGroups healthGroups;

    OperationsEndpointsTests(MockMvc mvc, OrderTestKit kit, HealthEndpointGroups healthGroups) {
        this.mvc = mvc;
        this.kit = kit;
        this.healthGroups = healthGroups;
    }

    @Test
    void livenessChecksNothingExternalAndReadinessNeedsTheDatabaseNeverKafka() throws Exception {
        HealthEndpointGroup liveness = healthGroups.get("liveness");
        HealthEndpointGroup readiness = healthGroups.get("readiness");

        assertThat(liveness.isMember("livenessState")).isTrue();
        assertThat(liveness.isMember("db")).isFalse();
        assertThat(liveness.isMember("kafka")).isFalse();
        assertThat(readiness.isMember("readinessState")).isTrue();
        assertThat(readiness.isMember("db")).isTrue();
        assertThat(readiness.isMember("kafka"))
                .as("a broker outage must not take the order API out of rotation (SPEC §5)")
                .isFalse();
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.kafka.status").value("UP"))
                .andExpect(jsonPath("$.components.db.status").value("UP"));
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(
                        content().string(containsString("orderflow_kafka_reachable{application=\"order-service\"}")));
    }

    @Test
    void prometheusShowsOrderCountersByReasonAndTheSagaDurationHistogram() throws Exception {
        UUID id = kit.place(customer("ops-metrics"));
        mvc.perform(post("/api/orders/{id}/cancel", id)).andExpect(status().isAccepted());

        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("orderflow_orders_placed_total")))
                .andExpect(content().string(containsString("orderflow_orders_completed_total")))
                .andExpect(
                        content()
                                .string(
                                        containsString(
                                                "orderflow_orders_cancelled_total{application=\"order-service\",reason=\"CUSTOMER_CANCELLED\"")))
                .andExpect(
                        content()
                                .string(
                                        containsString(
                                                "orderflow_saga_duration_seconds_bucket{application=\"order-service\",outcome=\"CANCELLED\",le=")))
                .andExpect(content().string(containsString("orderflow_saga_stage_duration_seconds_bucket")));
    }

    @Test
    void onlyHealthInfoAndPrometheusAreExposed() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/actuator/info")).andExpect(status().isOk());
        // Not exposed, and no rule names them: refused even with every scope (deny by default).
        mvc.perform(get("/actuator/env")).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/beans")).andExpect(status().isForbidden());
    }
}
