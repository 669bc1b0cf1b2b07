package dev.orderflow.messaging.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * Adds Orderflow's defaults ({@code META-INF/orderflow/defaults.properties}: partner-call resilience, health groups,
 * graceful shutdown) to every service at the lowest precedence, so each is set once for all services and stays
 * configurable with the libraries' own typed properties.
 */
public final class OrderflowDefaults implements EnvironmentPostProcessor {

    static final String LOCATION = "META-INF/orderflow/defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DefaultPropertiesPropertySource.addOrMerge(defaults(), environment.getPropertySources());
    }

    static Map<String, Object> defaults() {
        try {
            Properties properties = PropertiesLoaderUtils.loadProperties(new ClassPathResource(LOCATION));
            Map<String, Object> defaults = new HashMap<>();
            properties.stringPropertyNames().forEach(name -> defaults.put(name, properties.getProperty(name)));
            return defaults;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + LOCATION, e);
        }
    }
}
