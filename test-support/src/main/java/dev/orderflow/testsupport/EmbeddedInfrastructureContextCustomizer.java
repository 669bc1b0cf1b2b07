package dev.orderflow.testsupport;

import static dev.orderflow.testsupport.OrderflowTestProperties.DATASOURCE_PASSWORD;
import static dev.orderflow.testsupport.OrderflowTestProperties.DATASOURCE_URL;
import static dev.orderflow.testsupport.OrderflowTestProperties.DATASOURCE_USERNAME;
import static dev.orderflow.testsupport.OrderflowTestProperties.KAFKA_BOOTSTRAP_SERVERS;
import static dev.orderflow.testsupport.OrderflowTestProperties.TOPIC_PREFIX;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Gives a context the shared broker, a new database and a new topic prefix. Being a record, two customizers with the
 * same attributes are equal, which lets Spring's context cache reuse a context across test classes with the same
 * configuration; each context built still gets a database and prefix of its own.
 */
record EmbeddedInfrastructureContextCustomizer(String databasePrefix) implements ContextCustomizer {

    static final String PROPERTY_SOURCE_NAME = "orderflowEmbeddedInfrastructure";

    /** Where Spring puts {@code @DynamicPropertySource} values; not public in Spring. */
    static final String DYNAMIC_PROPERTY_SOURCE_NAME = "Dynamic Test Properties";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructureContextCustomizer.class);

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        // On the first context of a JVM both servers start; side by side that takes as long as the slower one. A new
        // thread rather than the common pool, so the broker's threads inherit this thread's context class loader.
        CompletableFuture<String> bootstrapServers = CompletableFuture.supplyAsync(
                SharedKafka::bootstrapServers, EmbeddedInfrastructureContextCustomizer::startThread);
        String databaseUrl = SharedPostgres.createDatabase(databasePrefix);

        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(KAFKA_BOOTSTRAP_SERVERS, join(bootstrapServers));
        properties.put(DATASOURCE_URL, databaseUrl);
        properties.put(DATASOURCE_USERNAME, SharedPostgres.username());
        properties.put(DATASOURCE_PASSWORD, SharedPostgres.password());
        properties.put(TOPIC_PREFIX, OrderflowTestProperties.newTopicPrefix());
        TestIdentityProvider identity = TestIdentityProvider.shared();
        properties.putAll(identity.resourceServerProperties());
        // A mock web environment has no server, so a management port of its own would leave the operations endpoints
        // nowhere; on the same port MockMvc reaches them. Tests on real ports set management.server.port themselves.
        properties.put("management.server.port", "");
        addBelowTestDeclaredProperties(
                context.getEnvironment().getPropertySources(), new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
        TestBearerToken.register(context, identity);
        log.info("Test context uses database {} and topic prefix {}", databaseUrl, properties.get(TOPIC_PREFIX));
    }

    /**
     * Above system properties, environment and application configuration, which may point elsewhere; below what the
     * test class itself declares, which it means as an override.
     */
    static void addBelowTestDeclaredProperties(MutablePropertySources sources, MapPropertySource ours) {
        if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, ours);
        } else if (sources.contains(DYNAMIC_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(DYNAMIC_PROPERTY_SOURCE_NAME, ours);
        } else {
            // Spring adds the dynamic properties with addFirst if it gets to them after us, so they still win.
            sources.addFirst(ours);
        }
    }

    private static void startThread(Runnable task) {
        Thread thread = new Thread(task, "shared-kafka-lookup");
        thread.setDaemon(true);
        thread.start();
    }

    private static String join(CompletableFuture<String> future) {
        try {
            return future.join();
        } catch (CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw ex;
        }
    }
}
