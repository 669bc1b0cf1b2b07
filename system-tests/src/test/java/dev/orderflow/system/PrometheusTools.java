package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus and promtool for the dashboard and alert-rule tests: found on the PATH, or installed once with the
 * project's {@code bin/install-prometheus} (Debian package). Where that is impossible the tests fail, saying why.
 */
final class PrometheusTools {

    /** What a command printed and how it ended. */
    record Result(int exitCode, String output) {}

    private static Boolean available;
    private static String installOutput = "";

    private PrometheusTools() {}

    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        return Files.exists(dir.resolve("../deploy")) ? dir.getParent() : dir;
    }

    /** Skips the calling test, with the reason, unless both binaries are (or could be made) available. */
    static synchronized void requireInstalled() {
        if (available == null) {
            available = installed();
            if (!available) {
                Result install = run(
                        List.of(projectRoot().resolve("bin/install-prometheus").toString()), 600);
                installOutput = install.output();
                available = installed();
            }
        }
        // A missing tool is a failure, never a skip: a skipped alert or dashboard test would look like a green one.
        assertThat(available)
                .as("Prometheus/promtool are not installed and bin/install-prometheus could not install them"
                        + " (needs apt and root or sudo; install the prometheus package): " + installOutput)
                .isTrue();
    }

    /** Runs a command from the project root, waiting at most {@code seconds}. */
    static Result run(List<String> command, long seconds) {
        try {
            Path output = Files.createTempFile("orderflow-command", ".log");
            Process process = new ProcessBuilder(command)
                    .directory(projectRoot().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean done = process.waitFor(seconds, TimeUnit.SECONDS);
            if (!done) {
                process.destroyForcibly();
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.deleteIfExists(output);
            return new Result(done ? process.exitValue() : -1, text);
        } catch (IOException e) {
            return new Result(-1, command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static boolean installed() {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("prometheus", "promtool")) {
            if (run(List.of(tool, "--version"), 30).exitCode() != 0) {
                missing.add(tool);
            }
        }
        return missing.isEmpty();
    }
}
