package dev.orderflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarProcessTests {

    @TempDir
    Path root;

    @Test
    void findsTheExecutableJarAModuleBuilt() throws Exception {
        Path target = Files.createDirectories(root.resolve("sandbox-partners/target"));
        Files.createFile(target.resolve("sandbox-partners-0.1.0-SNAPSHOT.jar"));
        Path exec = Files.createFile(target.resolve("sandbox-partners-0.1.0-SNAPSHOT-exec.jar"));

        assertThat(JarProcess.execJar(root, "sandbox-partners")).isEqualTo(exec);
    }

    @Test
    void explainsHowToBuildAMissingJar() throws Exception {
        Files.createDirectories(root.resolve("sandbox-partners/target"));

        assertThatThrownBy(() -> JarProcess.execJar(root, "sandbox-partners"))
                .hasMessageContaining("build sandbox-partners first: ./mvnw -pl sandbox-partners -am package");
        assertThatThrownBy(() -> JarProcess.execJar(root, "payment-service"))
                .hasMessageContaining("build payment-service first");
    }

    @Test
    void findsTheProjectFolderAboveTheModuleFolder() {
        // Surefire runs this in test-support/, whose parent holds the modules and the root pom.
        Path project = JarProcess.projectRootHolding("test-support");

        assertThat(project.resolve("test-support/pom.xml")).isRegularFile();
        assertThat(project.resolve("pom.xml")).isRegularFile();
    }

    @Test
    void failsAtOnceWhenTheProcessExitsDuringStartUp() throws Exception {
        Path notAJar = Files.writeString(root.resolve("broken-exec.jar"), "not a jar");
        Path log = root.resolve("logs/broken.log");
        JarProcess process = JarProcess.start("broken", notAJar, List.of("-Xmx32m"), List.of(), log);
        long started = System.nanoTime();

        try (process) {
            assertThatThrownBy(() -> process.awaitHealthy(
                            URI.create("http://localhost:" + TestPorts.freePort() + "/actuator/health"),
                            Duration.ofMinutes(2)))
                    .hasMessageContaining("broken exited during start-up")
                    .hasMessageContaining(log.toString());
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(Files.readString(log)).as("the JVM's complaint, in the log").isNotBlank();
    }
}
