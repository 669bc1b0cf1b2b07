package dev.orderflow.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-command local platform: starts everything, seeds a demo catalog, prints the URLs and runs until Ctrl-C or
 * SIGTERM, then stops every process it started. Needs no terminal, so it also runs in the background.
 */
public final class LocalStack {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private LocalStack() {}

    public static void main(String[] args) throws InterruptedException {
        Path root = projectRoot();
        log.info("Starting the Orderflow platform from {}", root);
        List<String> arguments = new ArrayList<>();
        // Logs are for the person at the terminal here: text, not the JSON every deployment writes. Traces are kept
        // whole (100 %) and exported when OTEL_EXPORTER_OTLP_ENDPOINT points at a collector (README, Operating).
        arguments.add("--logging.structured.format.console=");
        if (List.of(args).stream().noneMatch(arg -> arg.startsWith("--management.tracing.sampling.probability="))) {
            // Development samples every order (production: 10 %, ADR 0012).
            arguments.add("--management.tracing.sampling.probability=1.0");
        }
        arguments.addAll(List.of(args));
        Platform platform = Platform.start(root, 0, arguments);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            log.info("Stopping the Orderflow platform");
            platform.close();
            stopped.countDown();
        }));
        DemoCatalog.seed(platform.baseUrl(ServiceSpec.INVENTORY), platform.tokens());
        StringBuilder banner = new StringBuilder("\n\nOrderflow is running. Ctrl-C stops everything.\n");
        for (ServiceSpec spec : ServiceSpec.ALL) {
            banner.append("  %-22s %s   (operations: %s, log: %s)%n"
                    .formatted(
                            spec.name(), platform.baseUrl(spec), platform.managementUrl(spec), platform.logFile(spec)));
        }
        // local-platform-logback.xml writes this file; bin/local-platform runs from the project root.
        banner.append("  Kafka and PostgreSQL:  embedded in this process (log: %s)%n"
                .formatted(root.resolve("target/local-stack/local-stack.log")));
        banner.append("  identity provider:     ")
                .append(platform.tokens().issuer())
                .append(" (sandbox; token: POST /oauth2/token, client orderflow-storefront, see README)\n");
        banner.append("  demo catalog: SKU-1 .. SKU-5 (GET ")
                .append(platform.baseUrl(ServiceSpec.INVENTORY))
                .append("/api/products, with a token)\n");
        log.info("{}", banner);
        stopped.await();
    }

    /** The folder with the modules: {@code -Dorderflow.root}, or the nearest parent of the working folder with mvnw. */
    static Path projectRoot() {
        String configured = System.getProperty("orderflow.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int depth = 0; dir != null && depth < 10; depth++, dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("order-service"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Run from the Orderflow folder, or pass -Dorderflow.root=<folder>");
    }
}
