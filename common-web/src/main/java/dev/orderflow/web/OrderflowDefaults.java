package dev.orderflow.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds one Orderflow module's defaults, a properties file at the root of its jar, to every service at the lowest
 * precedence: the service's {@code application.yml}, the environment and arguments override any of them. Each module
 * registers a subclass naming its file in its {@code META-INF/spring.factories}; docs/operating.md lists the files.
 */
public abstract class OrderflowDefaults implements EnvironmentPostProcessor {

    private final String location;

    protected OrderflowDefaults(String location) {
        this.location = location;
    }

    @Override
    public final void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DefaultPropertiesPropertySource.addOrMerge(defaults(), environment.getPropertySources());
    }

    /** The module's defaults, as its file sets them. */
    public final Map<String, Object> defaults() {
        try {
            return new ResourcePropertySource(new ClassPathResource(location)).getSource();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + location, e);
        }
    }
}
