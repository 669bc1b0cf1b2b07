package dev.orderflow.system;

import dev.orderflow.localstack.Platform;
import dev.orderflow.localstack.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One platform per test JVM, shared by every scenario: each scenario uses its own customers and SKUs instead of a
 * fresh platform. It stops at JVM exit, before the shared broker and database. Ports are offset by 100 so a local platform on the default ports can keep running.
 */
final class PlatformUnderTest {

    private static final int PORT_OFFSET = 100;

    /**
     * Orders that wait longer than this are cancelled as TIMED_OUT. Short enough for the deadline scenario, long enough
     * that no order of the burst with a restarted participant runs into it on a slow machine.
     */
    static final Duration DEADLINE = Duration.ofSeconds(90);

    /**
     * Writes one client may make per second before it is shed with 429: low, so the overload scenario reaches it with
     * a margin on any machine (every scenario's client retries a 429 after Retry-After, as a client should).
     */
    static final int PER_CLIENT_RATE = 20;

    private static final List<String> ARGUMENTS = List.of(
            "--orderflow.orders.deadline=" + DEADLINE.toSeconds() + "s",
            "--orderflow.orders.deadline-scan.interval=2s",
            "--orderflow.api.load-shedding.per-client-rate=" + PER_CLIENT_RATE,
            // Every order a whole trace: the observability scenario follows one order across all five services.
            "--management.tracing.sampling.probability=1.0");
    private static Platform platform;
    private static OtlpReceiver traces;

    private PlatformUnderTest() {}

    static synchronized Platform get() {
        if (platform == null) {
            traces = OtlpReceiver.start();
            List<String> arguments = new ArrayList<>(ARGUMENTS);
            // Every service exports its spans over OTLP to this JVM's receiver, as it would to a collector.
            arguments.add("--management.opentelemetry.tracing.export.otlp.endpoint=" + traces.endpoint());
            arguments.add("--management.opentelemetry.tracing.export.schedule-delay=500ms");
            platform = Platform.start(projectRoot(), PORT_OFFSET, arguments);
        }
        return platform;
    }

    /** The spans the platform's services exported. */
    static synchronized OtlpReceiver traces() {
        get();
        return traces;
    }

    static String url(ServiceSpec spec) {
        return get().baseUrl(spec);
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        // Surefire runs in the module folder; the services' jars are in the sibling modules.
        return Files.exists(dir.resolve("../order-service")) ? dir.getParent() : dir;
    }
}
