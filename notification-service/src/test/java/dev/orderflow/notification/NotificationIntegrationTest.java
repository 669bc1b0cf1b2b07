package dev.orderflow.notification;

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
 * The service on the shared Kafka, a database of its own, an in-process SMTP server and the test kit. Test classes with
 * only this annotation share one context; they keep apart by using their own order ids.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(classes = {NotificationApplication.class, NotificationTestConfiguration.class})
@AutoConfigureMockMvc
@EmbeddedInfrastructure(databasePrefix = "notifications")
@interface NotificationIntegrationTest {}
