package dev.orderflow.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Schedules the deadline scan and the in-flight order count at their intervals; a failed run waits for the next. */
@Configuration(proxyBeanMethods = false)
class OrderJobs implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OrderJobs.class);

    private final OrderDeadlines deadlines;
    private final InFlightOrders inFlight;
    private final OrderProperties properties;

    OrderJobs(OrderDeadlines deadlines, InFlightOrders inFlight, OrderProperties properties) {
        this.deadlines = deadlines;
        this.inFlight = inFlight;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        OrderProperties.Job scan = properties.deadlineScan();
        if (scan.enabled()) {
            registrar.addFixedDelayTask(this::scanDeadlines, scan.interval());
        }
        registrar.addFixedDelayTask(this::refreshInFlight, properties.inFlightMetricsInterval());
    }

    private void refreshInFlight() {
        try {
            inFlight.refresh();
        } catch (RuntimeException e) {
            log.warn(
                    "Could not count in-flight orders, retrying in {}: {}",
                    properties.inFlightMetricsInterval(),
                    e.toString());
        }
    }

    private void scanDeadlines() {
        try {
            deadlines.cancelOverdue();
        } catch (RuntimeException e) {
            log.warn(
                    "Deadline scan failed, retrying in {}: {}",
                    properties.deadlineScan().interval(),
                    e.toString());
        }
    }
}
