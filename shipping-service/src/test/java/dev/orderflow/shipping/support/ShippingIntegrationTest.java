package dev.orderflow.shipping.support;

import dev.orderflow.shipping.ShippingServiceApplication;
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
 * The one shared context of shipping-service integration tests: the real service on the shared Kafka and a database
 * of its own, calling the real sandbox carrier (a process of its own, shared by the test JVM).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(classes = {ShippingServiceApplication.class, ShippingTestConfiguration.class})
@AutoConfigureMockMvc
@EmbeddedInfrastructure(databasePrefix = "shipping")
public @interface ShippingIntegrationTest {}
