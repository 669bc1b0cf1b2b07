package dev.orderflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.support.TestPropertySourceUtils;

class EmbeddedInfrastructureContextCustomizerTests {

    private final EmbeddedInfrastructureContextCustomizerFactory factory =
            new EmbeddedInfrastructureContextCustomizerFactory();

    @Test
    void makesEqualCustomizersForEqualAnnotationsSoSpringCanReuseTheContext() {
        ContextCustomizer first = customizerFor(OrdersTests.class);
        ContextCustomizer second = customizerFor(MoreOrdersTests.class);

        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
        assertThat(first).isNotEqualTo(customizerFor(PaymentsTests.class));
    }

    @Test
    void customizesOnlyAnnotatedTestClassesAndTheirNestedAndSubclasses() {
        assertThat(customizerFor(PlainTests.class)).isNull();
        assertThat(customizerFor(OrdersTests.Inner.class)).isEqualTo(customizerFor(OrdersTests.class));
        assertThat(customizerFor(OrdersSubclassTests.class)).isEqualTo(customizerFor(OrdersTests.class));
    }

    @Test
    void givesEveryContextItsOwnDatabaseAndTopicPrefix() {
        ContextCustomizer customizer = customizerFor(OrdersTests.class);
        try (GenericApplicationContext first = new GenericApplicationContext();
                GenericApplicationContext second = new GenericApplicationContext()) {
            customizer.customizeContext(first, null);
            customizer.customizeContext(second, null);

            ConfigurableEnvironment one = first.getEnvironment();
            ConfigurableEnvironment other = second.getEnvironment();
            assertThat(one.getProperty(OrderflowTestProperties.DATASOURCE_URL))
                    .contains("/orders_")
                    .isNotEqualTo(other.getProperty(OrderflowTestProperties.DATASOURCE_URL));
            assertThat(one.getProperty(OrderflowTestProperties.TOPIC_PREFIX))
                    .isNotEqualTo(other.getProperty(OrderflowTestProperties.TOPIC_PREFIX));
            assertThat(one.getProperty(OrderflowTestProperties.KAFKA_BOOTSTRAP_SERVERS))
                    .isEqualTo(other.getProperty(OrderflowTestProperties.KAFKA_BOOTSTRAP_SERVERS));
            assertThat(one.getProperty(OrderflowTestProperties.DATASOURCE_USERNAME))
                    .isEqualTo(SharedPostgres.username());
        }
    }

    @Test
    void ranksBelowWhatTheTestDeclaresAndAboveEverythingElse() {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(source("systemProperties"));
        sources.addFirst(source(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME));
        sources.addFirst(source(EmbeddedInfrastructureContextCustomizer.DYNAMIC_PROPERTY_SOURCE_NAME));

        EmbeddedInfrastructureContextCustomizer.addBelowTestDeclaredProperties(sources, source("ours"));

        assertThat(sources.stream().map(PropertySource::getName))
                .containsExactly(
                        EmbeddedInfrastructureContextCustomizer.DYNAMIC_PROPERTY_SOURCE_NAME,
                        TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME,
                        "ours",
                        "systemProperties");
    }

    private ContextCustomizer customizerFor(Class<?> testClass) {
        return factory.createContextCustomizer(testClass, List.of());
    }

    private static MapPropertySource source(String name) {
        return new MapPropertySource(name, Map.of());
    }

    @EmbeddedInfrastructure(databasePrefix = "orders")
    static class OrdersTests {

        @Nested
        class Inner {}
    }

    @EmbeddedInfrastructure(databasePrefix = "orders")
    static class MoreOrdersTests {}

    static class OrdersSubclassTests extends OrdersTests {}

    @EmbeddedInfrastructure(databasePrefix = "payments")
    static class PaymentsTests {}

    static class PlainTests {}
}
