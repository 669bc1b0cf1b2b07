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
 * order-service on real ports, as clients and operators reach it: the API on one port, the operations endpoints on a
 * management port of their own. For the tests of authentication and exposure, which must go through real HTTP (no
 * MockMvc default token). Test classes with only this annotation share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
        classes = OrderServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.server.port=0")
@AutoConfigureMockMvc
@EmbeddedInfrastructure(databasePrefix = "orders")
public @interface OrderServiceOnRealPorts {}
