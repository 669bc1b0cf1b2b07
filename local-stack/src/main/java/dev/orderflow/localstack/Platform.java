package dev.orderflow.localstack;

import dev.orderflow.testsupport.JarProcess;
import dev.orderflow.testsupport.SharedKafka;
import dev.orderflow.testsupport.SharedPostgres;
import dev.orderflow.testsupport.SharedShutdown;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform on one machine: the embedded Kafka and PostgreSQL of this JVM, and the sandbox partners and the
 * five services as separate processes started from their built jars. Used by the local stack and the system tests.
 */
public final class Platform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Platform.class);
    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /**
     * The services' JVM options: small heaps and the C1 compiler only by default, so six JVMs start fast on a small
     * machine (tests, local use); the saga benchmark sets {@code orderflow.platform.jvm-options} for peak speed.
     */
    private static final String JVM_OPTIONS = System.getProperty(
            "orderflow.platform.jvm-options", "-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");

    private final Path root;
    private final int portOffset;
    private final Path logs;
    private final List<String> jvmOptions;
    private final List<String> commonArguments;
    private final Map<ServiceSpec, String> databases = new LinkedHashMap<>();
    private final Map<ServiceSpec, JarProcess> processes = new LinkedHashMap<>();
    private final SandboxTokens tokens;

    private Platform(Path root, int portOffset, List<String> jvmOptions, List<String> commonArguments, Path logs) {
        this.root = root;
        this.portOffset = portOffset;
        this.logs = logs;
        this.jvmOptions = jvmOptions;
        this.commonArguments = commonArguments;
        this.tokens = new SandboxTokens(partnersUrl(portOffset));
    }

    /**
     * Starts everything and waits until every process reports healthy.
     *
     * @param root the project's root folder (where the modules' {@code target} folders are)
     * @param portOffset added to every service's port, so a test platform and a local one can run side by side
     * @param extraArguments Spring arguments for every service (e.g. a shorter order deadline in tests)
     */
    public static Platform start(Path root, int portOffset, List<String> extraArguments) {
        return start(
                root, portOffset, extraArguments, List.of(), root.resolve("target/local-stack/logs-" + portOffset));
    }

    /**
     * Like {@link #start(Path, int, List)}, with JVM options added to every process's (a profiler's, say) and the
     * processes' logs written to {@code logs}: the saga benchmark keeps them with its report, and can start the jars of
     * another checkout without writing into it.
     */
    public static Platform start(
            Path root, int portOffset, List<String> extraArguments, List<String> extraJvmOptions, Path logs) {
        String kafka = SharedKafka.bootstrapServers();
        // The sandbox partners: payment provider, carrier and identity provider in one process.
        String partners = partnersUrl(portOffset);
        List<String> common = new ArrayList<>(List.of(
                // The sandbox identity provider issues the tokens; the services trust it (and nothing else).
                "--spring.security.oauth2.authorizationserver.issuer=" + partners,
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + partners,
                "--spring.kafka.bootstrap-servers=" + kafka,
                "--spring.datasource.username=" + SharedPostgres.username(),
                "--spring.datasource.password=" + SharedPostgres.password(),
                "--spring.http.serviceclient.provider.base-url=" + partners,
                "--spring.http.serviceclient.carrier.base-url=" + partners,
                "--orderflow.notifications.channels=log"));
        common.addAll(extraArguments);
        List<String> jvmOptions = new ArrayList<>(List.of(JVM_OPTIONS.split("\\s+")));
        jvmOptions.addAll(extraJvmOptions);
        Platform platform = new Platform(root, portOffset, List.copyOf(jvmOptions), List.copyOf(common), logs);
        // At JVM exit the services stop before the broker and database they use.
        SharedShutdown.beforeSharedResourcesStop(platform::close);
        try {
            Files.createDirectories(platform.logs);
            // Each platform starts with empty logs (restarts of one process append to its log).
            for (ServiceSpec spec : ServiceSpec.ALL) {
                Files.deleteIfExists(platform.logFile(spec));
            }
            for (ServiceSpec spec : ServiceSpec.ALL) {
                if (spec.database() != null) {
                    platform.databases.put(spec, SharedPostgres.createDatabase(spec.database()));
                }
                platform.launch(spec);
            }
            for (ServiceSpec spec : ServiceSpec.ALL) {
                platform.awaitHealthy(spec);
            }
            return platform;
        } catch (IOException | RuntimeException e) {
            platform.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static String partnersUrl(int portOffset) {
        return "http://localhost:" + (ServiceSpec.PARTNERS.basePort() + portOffset);
    }

    public int port(ServiceSpec spec) {
        return spec.basePort() + portOffset;
    }

    public String baseUrl(ServiceSpec spec) {
        return "http://localhost:" + port(spec);
    }

    /** Where the process serves health, info and prometheus: its management port, never the API port. */
    public int managementPort(ServiceSpec spec) {
        return spec.managementBasePort() + portOffset;
    }

    public String managementUrl(ServiceSpec spec) {
        return "http://localhost:" + managementPort(spec);
    }

    /** Tokens of the platform's own clients, from its sandbox identity provider. */
    public SandboxTokens tokens() {
        return tokens;
    }

    /** The process id of every running process, for measurements (resident memory, CPU). */
    public synchronized Map<ServiceSpec, Long> pids() {
        Map<ServiceSpec, Long> pids = new LinkedHashMap<>();
        processes.forEach((spec, process) -> pids.put(spec, process.pid()));
        return pids;
    }

    public Path logFile(ServiceSpec spec) {
        return logs.resolve(spec.name() + ".log");
    }

    /** Kills a process the hard way ({@code kill -9}), as a crash would. */
    public void kill(ServiceSpec spec) {
        JarProcess process = processes.remove(spec);
        if (process != null) {
            process.kill();
        }
    }

    /**
     * Stops a process the way an orchestrator does (SIGTERM, as a rolling update or a scale-down would), waits until it
     * has exited, and returns whether it exited within the grace period by itself.
     */
    public boolean terminate(ServiceSpec spec) {
        JarProcess process = processes.remove(spec);
        return process == null || process.terminate();
    }

    /** Starts a process again after {@link #kill} or {@link #terminate} and waits until it is healthy. */
    public void restart(ServiceSpec spec) {
        kill(spec);
        launch(spec);
        awaitHealthy(spec);
    }

    private void launch(ServiceSpec spec) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=" + port(spec)));
        if (spec.managementBasePort() != spec.basePort()) {
            arguments.add("--management.server.port=" + managementPort(spec));
        }
        arguments.addAll(commonArguments);
        String database = databases.get(spec);
        if (database != null) {
            arguments.add("--spring.datasource.url=" + database);
        }
        JarProcess process = JarProcess.start(
                spec.name(), JarProcess.execJar(root, spec.name()), jvmOptions, arguments, logFile(spec));
        processes.put(spec, process);
        log.info("Started {} (pid {}) on port {}", spec.name(), process.pid(), port(spec));
    }

    private void awaitHealthy(ServiceSpec spec) {
        JarProcess process = processes.get(spec);
        if (process == null) {
            throw new IllegalStateException(spec.name() + " is not running");
        }
        process.awaitHealthy(URI.create(managementUrl(spec) + "/actuator/health"), STARTUP_LIMIT);
        log.info("{} is up at {}", spec.name(), baseUrl(spec));
    }

    /**
     * Stops every process gracefully (SIGTERM), services before partners, and forcibly after a grace period. Also runs
     * at JVM exit, before the shared Kafka and PostgreSQL stop; a second call finds nothing left to stop.
     */
    @Override
    public synchronized void close() {
        List<JarProcess> stopping = new ArrayList<>(processes.values());
        Collections.reverse(stopping);
        stopping.forEach(JarProcess::requestStop);
        stopping.forEach(process -> {
            if (!process.awaitExit(STOP_GRACE)) {
                process.kill();
            }
        });
        processes.clear();
    }
}
