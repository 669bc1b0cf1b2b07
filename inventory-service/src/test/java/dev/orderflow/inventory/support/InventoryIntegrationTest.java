package dev.orderflow.inventory.support;

import dev.orderflow.inventory.InventoryApplication;
import dev.orderflow.testsupport.EmbeddedInfrastructure;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The one shared context of inventory's integration tests: the whole service on the shared Kafka and a database of its
 * own. Three consumer threads, so orders on different partitions really reserve concurrently. Tests keep apart by
 * their own order ids and SKUs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
        classes = InventoryApplication.class,
        properties = {
            "spring.kafka.listener.concurrency=3",
            "orderflow.messaging.relay.poll-interval=200ms",
            "orderflow.messaging.consumer.unexpected-failure-backoff=50ms",
            "orderflow.messaging.consumer.transient-backoff-initial=50ms",
            "orderflow.messaging.consumer.transient-backoff-max=500ms",
            "spring.kafka.consumer.properties.session.timeout.ms=10000",
            "spring.kafka.consumer.properties.heartbeat.interval.ms=1000",
            "logging.level.org.apache.kafka=WARN",
            "logging.level.org.springframework.kafka=WARN"
        })
@AutoConfigureMockMvc
@EmbeddedInfrastructure(databasePrefix = "inventory")
public @interface InventoryIntegrationTest {}
