package dev.orderflow.testsupport;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Registered in {@code META-INF/spring.factories}: gives test classes with {@link EmbeddedInfrastructure} theirs. */
class EmbeddedInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        // Also finds the annotation on an enclosing class, as Spring does for @Nested tests.
        EmbeddedInfrastructure annotation =
                TestContextAnnotationUtils.findMergedAnnotation(testClass, EmbeddedInfrastructure.class);
        return annotation == null ? null : new EmbeddedInfrastructureContextCustomizer(annotation.databasePrefix());
    }
}
