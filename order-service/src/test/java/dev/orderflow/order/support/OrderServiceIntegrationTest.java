package dev.orderflow.order.support;

import dev.orderflow.order.OrderServiceApplication;
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
 * The one context of order-service's integration tests: the whole service on the shared Kafka and a database of its own.
 * Test classes with only this annotation share it; they keep apart by their own orders and customers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(classes = OrderServiceApplication.class)
@AutoConfigureMockMvc
@EmbeddedInfrastructure(databasePrefix = "orders")
public @interface OrderServiceIntegrationTest {}
