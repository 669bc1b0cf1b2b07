package dev.orderflow.bench.saga;

import dev.orderflow.testsupport.JarProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Which code a run measured: the checkout's folder, its commit (and whether it had uncommitted changes) and when the
 * order-service jar was built, so two reports side by side say which is before and which after.
 */
final class Checkout {

    private Checkout() {}

    static Map<String, Object> describe(Path root) {
        Map<String, Object> checkout = new LinkedHashMap<>();
        checkout.put("root", root.toString());
        checkout.put("commit", git(root, "rev-parse", "--short", "HEAD"));
        String changes = git(root, "status", "--porcelain", "--untracked-files=no");
        checkout.put("uncommittedChanges", !changes.isEmpty() && !changes.equals("unknown"));
        try {
            checkout.put(
                    "orderServiceJarBuilt",
                    Files.getLastModifiedTime(JarProcess.execJar(root, "order-service"))
                            .toString());
        } catch (IOException | RuntimeException e) {
            checkout.put("orderServiceJarBuilt", "no jar: " + e.getMessage());
        }
        return checkout;
    }

    private static String git(Path root, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
