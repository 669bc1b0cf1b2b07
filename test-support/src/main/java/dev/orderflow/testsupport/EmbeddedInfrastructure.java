package dev.orderflow.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring test context at the shared test infrastructure: {@code spring.kafka.bootstrap-servers} at
 * {@link SharedKafka}, {@code spring.datasource.*} at a new database of its own in {@link SharedPostgres}, and
 * {@code orderflow.messaging.topic-prefix} at a prefix of its own. Both are made once per context, which Spring caches
 * and reuses across test classes with the same configuration.
 *
 * <p>Properties the test declares itself ({@code @SpringBootTest(properties = ...)}, {@code @TestPropertySource(properties
 * = ...)}, {@code @DynamicPropertySource}) win, so a fault test can route its datasource through a {@link TcpFaultProxy}.
 *
 * <pre>{@code
 * @SpringBootTest
 * @EmbeddedInfrastructure(databasePrefix = "orders")
 * class OrderPlacementTests { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EmbeddedInfrastructure {

    /** Start of the database name, so a database in the server's logs can be traced back to its tests. */
    String databasePrefix() default "test";
}
