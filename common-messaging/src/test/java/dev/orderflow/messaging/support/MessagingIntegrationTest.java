package dev.orderflow.messaging.support;

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
 * The shared context of messaging integration tests: the test service on the shared Kafka and a database of its own.
 * Test classes with only this annotation share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(classes = MessagingTestApplication.class)
@AutoConfigureMockMvc
@EmbeddedInfrastructure(databasePrefix = "messaging")
public @interface MessagingIntegrationTest {}
