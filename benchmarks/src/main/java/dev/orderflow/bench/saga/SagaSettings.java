package dev.orderflow.bench.saga;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to run: the bench.* system properties of benchmarks/README.md, a blank one meaning its default.
 *
 * @param root this checkout: the report goes to its {@code target/bench}
 * @param platformRoot the checkout whose built jars (services and sandbox) the platform starts: this one by default,
 *     another worktree for a before/after comparison in one sitting
 * @param sampling the trace sampling probability passed to every service, or blank to leave theirs
 */
record SagaSettings(
        String mode,
        double rate,
        Duration duration,
        Duration spike,
        double maxStart,
        double maxStep,
        int maxSteps,
        Duration stepLength,
        int portOffset,
        Path root,
        Path platformRoot,
        Duration warmup,
        double warmupRate,
        boolean profile,
        int burstOrders,
        int burstClients,
        Duration idleDuration,
        long perClientRate,
        int maxInFlight,
        String sampling) {

    static SagaSettings load() {
        Path root = Path.of(prop("bench.root", "..")).toAbsolutePath().normalize();
        return new SagaSettings(
                prop("bench.mode", "steady"),
                Double.parseDouble(prop("bench.rate", "50")),
                duration(prop("bench.duration", "60s")),
                duration(prop("bench.spike", "60s")),
                Double.parseDouble(prop("bench.max-start", "50")),
                Double.parseDouble(prop("bench.max-step", "50")),
                Integer.parseInt(prop("bench.max-steps", "8")),
                duration(prop("bench.step-length", "30s")),
                Integer.parseInt(prop("bench.port-offset", "300")),
                root,
                Path.of(prop("bench.platform-root", root.toString()))
                        .toAbsolutePath()
                        .normalize(),
                duration(prop("bench.warmup", "90s")),
                Double.parseDouble(prop("bench.warmup-rate", "10")),
                Boolean.parseBoolean(prop("bench.profile", "false")),
                Integer.parseInt(prop("bench.burst-orders", "300")),
                Integer.parseInt(prop("bench.burst-clients", "30")),
                duration(prop("bench.idle-duration", "60s")),
                Long.parseLong(prop("bench.per-client-rate", "1000000")),
                Integer.parseInt(prop("bench.max-in-flight", "1000")),
                prop("bench.sampling", "0.1").equals("service") ? "" : prop("bench.sampling", "0.1"));
    }

    private static String prop(String key, String fallback) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static Duration duration(String text) {
        return Duration.parse("PT" + text.toUpperCase());
    }

    /** The open-model schedule of steady, spike and max; burst and idle have none. */
    Schedule schedule() {
        return switch (mode) {
            case "steady" -> Schedule.steady(rate, duration);
            case "spike" ->
                Schedule.spike(
                        rate, duration, spike.compareTo(duration.dividedBy(3)) > 0 ? duration.dividedBy(3) : spike);
            case "max" -> Schedule.steps(maxStart, maxStep, maxSteps, stepLength);
            default ->
                throw new IllegalArgumentException("bench.mode must be steady, spike, max, burst or idle: " + mode);
        };
    }

    /** What the report prints of the settings: enough to run the same again. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("mode", mode);
        switch (mode) {
            case "burst" -> {
                map.put("burstOrders", burstOrders);
                map.put("burstClients", burstClients);
            }
            case "idle" -> map.put("idleDuration", idleDuration.toString());
            case "max" -> {
                map.put("maxStart", maxStart);
                map.put("maxStep", maxStep);
                map.put("maxSteps", maxSteps);
                map.put("stepLength", stepLength.toString());
            }
            case "spike" -> {
                map.put("rate", rate);
                map.put("duration", duration.toString());
                map.put("spike", spike.toString());
            }
            default -> {
                map.put("rate", rate);
                map.put("duration", duration.toString());
            }
        }
        boolean warms = !mode.equals("idle") && !warmup.isZero() && warmupRate > 0;
        map.put("warmup", warms ? warmup + " at " + warmupRate + " orders/s" : "none");
        map.put("profile", profile);
        map.put("traceSampling", sampling.isEmpty() ? "the services' own setting" : sampling);
        map.put("perClientRate (the generator's client, raised for the benchmark)", perClientRate);
        map.put("maxInFlight (order API)", maxInFlight);
        map.put("platformRoot", platformRoot.toString());
        map.put("portOffset", portOffset);
        return map;
    }
}
