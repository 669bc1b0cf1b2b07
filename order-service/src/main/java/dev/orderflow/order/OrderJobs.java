package dev.orderflow.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Schedules the deadline scan at its configured interval; a failed run waits for the next. */
@Configuration(proxyBeanMethods = false)
class OrderJobs implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OrderJobs.class);

    private final OrderDeadlines deadlines;
    private final OrderProperties properties;

    OrderJobs(OrderDeadlines deadlines, OrderProperties properties) {
        this.deadlines = deadlines;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        OrderProperties.Job scan = properties.deadlineScan();
        if (scan.enabled()) {
            registrar.addFixedDelayTask(this::scanDeadlines, scan.interval());
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
