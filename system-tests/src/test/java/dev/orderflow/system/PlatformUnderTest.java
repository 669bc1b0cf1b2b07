package dev.orderflow.system;

import dev.orderflow.localstack.Platform;
import dev.orderflow.localstack.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    private static final List<String> ORDER_DEADLINE = List.of(
            "--orderflow.orders.deadline=" + DEADLINE.toSeconds() + "s",
            "--orderflow.orders.deadline-scan.interval=2s");
    private static Platform platform;

    private PlatformUnderTest() {}

    static synchronized Platform get() {
        if (platform == null) {
            platform = Platform.start(projectRoot(), PORT_OFFSET, ORDER_DEADLINE);
        }
        return platform;
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
