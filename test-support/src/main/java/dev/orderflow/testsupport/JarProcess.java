package dev.orderflow.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spring Boot executable jar of this project run as a process of its own, on the JDK of the JVM that starts it, its
 * output appended to a log file. What the local platform starts its services with, and tests their sandbox partners.
 */
public final class JarProcess implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private JarProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * The folder of the project that holds {@code module}: the working folder or the nearest parent of it with that
     * module's folder and a {@code pom.xml}. Surefire runs a module's tests in the module's folder.
     */
    public static Path projectRootHolding(String module) {
        Path dir = Path.of("").toAbsolutePath();
        for (int depth = 0; dir != null && depth < 10; depth++, dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(module)) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "No project folder with " + module + "/ above " + Path.of("").toAbsolutePath());
    }

    /** The executable jar ({@code <module>-<version>-exec.jar}) the module's build left in its {@code target}. */
    public static Path execJar(Path projectRoot, String module) {
        Path target = projectRoot.resolve(module).resolve("target");
        String advice = ": build " + module + " first: ./mvnw -pl " + module + " -am package -DskipTests";
        if (!Files.isDirectory(target)) {
            throw new IllegalStateException("No build output in " + target + advice);
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> {
                        String fileName = file.getFileName().toString();
                        return fileName.startsWith(module + "-") && fileName.endsWith("-exec.jar");
                    })
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No executable jar in " + target + advice));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + target, e);
        }
    }

    /** Starts {@code java <jvmOptions> -jar <jar> <arguments>}, appending its output to {@code logFile}. */
    public static JarProcess start(
            String name, Path jar, List<String> jvmOptions, List<String> arguments, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(arguments);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            return new JarProcess(name, process, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /**
     * Waits until {@code health} answers 200 (Spring Boot's UP), at most {@code limit}; fails at once if the process
     * exits meanwhile.
     */
    public JarProcess awaitHealthy(URI health, Duration limit) {
        await(name + " healthy at " + health)
                .atMost(limit)
                .pollInterval(POLL)
                .failFast(name + " exited during start-up; see " + logFile, () -> !process.isAlive())
                .until(() -> isHealthy(health));
        return this;
    }

    private boolean isHealthy(URI health) throws InterruptedException {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(health)
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** Asks the process to stop (SIGTERM), as an orchestrator does, without waiting. */
    public void requestStop() {
        process.destroy();
    }

    /** Waits for the process to exit, at most {@code limit}; whether it did. */
    public boolean awaitExit(Duration limit) {
        try {
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills the process the hard way ({@code kill -9}), as a crash would, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(STOP_GRACE);
    }

    /** Stops the process gracefully, forcibly after a grace period; whether it exited by itself in time. */
    public boolean terminate() {
        requestStop();
        if (awaitExit(STOP_GRACE)) {
            return true;
        }
        kill();
        return false;
    }

    @Override
    public void close() {
        terminate();
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
