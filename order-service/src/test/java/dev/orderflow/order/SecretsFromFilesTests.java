package dev.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Credentials come from mounted files (a Spring config tree), the way the Kubernetes manifests mount them from
 * Secrets: a file named after a property sets it, over the local default of application.yml; without the folder the
 * service starts on its local defaults.
 */
class SecretsFromFilesTests {

    @Test
    void fileNamedAfterAPropertySetsIt(@TempDir Path secrets) throws IOException {
        Files.writeString(secrets.resolve("spring.datasource.password"), "from-a-mounted-secret");
        Files.writeString(secrets.resolve("spring.kafka.properties.sasl.jaas.config"), "jaas-line");

        StandardEnvironment environment = environmentWith(secrets.toString() + "/");

        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("from-a-mounted-secret");
        assertThat(environment.getProperty("spring.kafka.properties.sasl.jaas.config"))
                .isEqualTo("jaas-line");
        assertThat(environment.getProperty("spring.application.name")).isEqualTo("order-service");
    }

    @Test
    void withoutTheFolderTheLocalDefaultsApply(@TempDir Path empty) {
        StandardEnvironment environment =
                environmentWith(empty.resolve("absent").toString() + "/");

        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("orderflow");
    }

    private static StandardEnvironment environmentWith(String secretsDir) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("test", Map.of("orderflow.secrets-dir", secretsDir)));
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        return environment;
    }
}
