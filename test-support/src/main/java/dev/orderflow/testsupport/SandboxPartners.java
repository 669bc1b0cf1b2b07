package dev.orderflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real sandbox partners (payment provider, carrier, identity provider) for a test JVM: one {@code java -jar} process
 * of the {@code sandbox-partners} executable jar on a free port, started on first use and stopped when the JVM exits,
 * its output in {@code target/sandbox-partners.log}. Tests point their partner clients at {@link #baseUrl()}, switch
 * faults and held answers per partner, and check the partners' own ledgers and journal. Test classes run one after
 * another: a test that changes a partner's settings {@link Partner#reset() resets} them when it is done, and tests keep
 * apart by their own order ids.
 *
 * <p>The jar is {@code -Dorderflow.test.sandbox-jar} if set, else {@code sandbox-partners/target/*-exec.jar} of the
 * project. A module whose tests use this class builds after that jar exists when it declares the module as a test
 * dependency without its own dependencies, which orders the Maven reactor (so {@code ./mvnw verify} and
 * {@code ./mvnw -pl <module> -am verify} package the sandbox first) and puts nothing but the sandbox's plain jar on the
 * test classpath (no Spring Authorization Server; the consumer's own {@code application.yml} shadows the sandbox's):
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>dev.orderflow</groupId>
 *   <artifactId>sandbox-partners</artifactId>
 *   <scope>test</scope>
 *   <exclusions>
 *     <exclusion>
 *       <groupId>*</groupId>
 *       <artifactId>*</artifactId>
 *     </exclusion>
 *   </exclusions>
 * </dependency>
 * }</pre>
 *
 * The exec jar is made in the {@code package} phase: {@code ./mvnw test} alone does not make it.
 */
public final class SandboxPartners {

    /** Where a test run may point at a sandbox jar of its own choosing. */
    public static final String JAR_PROPERTY = "orderflow.test.sandbox-jar";

    private static final String MODULE = "sandbox-partners";
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(90);
    private static final List<String> JVM_OPTIONS =
            List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private static final SharedResource<Started> PROCESS =
            new SharedResource<>("sandbox partners", SandboxPartners::start);

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder()
            // The records mirror what tests check; fields the sandbox adds later must not break them.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SandboxPartners(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The sandbox of this JVM, started on first use. */
    public static SandboxPartners shared() {
        return PROCESS.get().partners();
    }

    /** {@code http://localhost:<port>}: the provider, carrier and identity provider (also the token issuer). */
    public String baseUrl() {
        return baseUrl;
    }

    public Partner provider() {
        return new Partner("provider");
    }

    public Partner carrier() {
        return new Partner("carrier");
    }

    /** The provider's charges for the order ({@code GET /provider/charges?orderId=}). */
    public List<Charge> charges(UUID orderId) {
        return get("/provider/charges?orderId=" + orderId, new TypeReference<>() {});
    }

    /** The carrier's shipments for the order ({@code GET /carrier/shipments?orderId=}). */
    public List<Shipment> shipments(UUID orderId) {
        return get("/carrier/shipments?orderId=" + orderId, new TypeReference<>() {});
    }

    /** Every business request about the order that reached either partner, oldest first. */
    public List<JournalEntry> journal(UUID orderId) {
        return get("/sandbox/journal?orderId=" + orderId, new TypeReference<>() {});
    }

    /** One partner's run-time settings and journal. Each setter changes only its own setting. */
    public final class Partner {

        private final String name;

        private Partner(String name) {
            this.name = name;
        }

        /** Adds {@code latencyMs} before every call is decided and refuses {@code errorRate} of them with 503. */
        public void faults(long latencyMs, double errorRate) {
            change(new Settings(latencyMs, errorRate, settings().holdAnswers()));
        }

        /** From now on, calls are decided at once but answered only on {@link #release()} (or after 60 s). */
        public void hold() {
            Settings current = settings();
            change(new Settings(current.latencyMs(), current.errorRate(), true));
        }

        /** Answers every held call and holds no more. */
        public void release() {
            Settings current = settings();
            change(new Settings(current.latencyMs(), current.errorRate(), false));
        }

        /** No latency, no errors, nothing held. */
        public void reset() {
            change(new Settings(0, 0.0, false));
        }

        /** This partner's journal entries about the order, oldest first. */
        public List<JournalEntry> journal(UUID orderId) {
            return SandboxPartners.this.journal(orderId).stream()
                    .filter(entry -> name.equals(entry.partner()))
                    .toList();
        }

        private Settings settings() {
            return get("/" + name + "/settings", new TypeReference<>() {});
        }

        private void change(Settings settings) {
            send(HttpRequest.newBuilder(URI.create(baseUrl + "/" + name + "/settings"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(settings))));
        }
    }

    /** A charge as the provider lists it; {@code status} is AUTHORIZED, DECLINED or REFUNDED. */
    public record Charge(
            UUID paymentId,
            UUID orderId,
            BigDecimal amount,
            String currency,
            String status,
            BigDecimal refundedAmount) {}

    /** A shipment as the carrier lists it; {@code status} is BOOKED, FAILED or CANCELLED. */
    public record Shipment(
            UUID orderId,
            String status,
            String carrier,
            @Nullable String trackingNumber) {}

    /**
     * A business request that reached a partner: {@code partner} is provider or carrier, {@code operation} charge,
     * refund, book or cancel, {@code status} the HTTP status answered (for a held call, the one it will answer).
     */
    public record JournalEntry(
            Instant at,
            String partner,
            String operation,
            @Nullable UUID orderId,
            @Nullable String idempotencyKey,
            int status) {}

    private record Settings(long latencyMs, double errorRate, boolean holdAnswers) {}

    private <T> T get(String path, TypeReference<T> type) {
        return json.readValue(
                send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET()), type);
    }

    private String send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The sandbox answered " + built.method() + " " + built.uri() + " with "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("The sandbox did not answer " + built.method() + " " + built.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the sandbox", e);
        }
    }

    private static Started start() {
        Path jar = jar();
        int port = TestPorts.freePort();
        String baseUrl = "http://localhost:" + port;
        // Surefire runs in the consuming module's folder: the log goes to that module's target.
        Path log = Path.of("target", MODULE + ".log").toAbsolutePath();
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not clear " + log, e);
        }
        JarProcess process = JarProcess.start(
                MODULE,
                jar,
                JVM_OPTIONS,
                List.of(
                        "--server.port=" + port,
                        // The tokens' iss and the discovery documents name the address tests reach it at.
                        "--spring.security.oauth2.authorizationserver.issuer=" + baseUrl),
                log);
        try {
            process.awaitHealthy(URI.create(baseUrl + "/actuator/health"), STARTUP_LIMIT);
        } catch (RuntimeException e) {
            process.kill();
            throw new IllegalStateException("The sandbox partners did not start; see " + log, e);
        }
        return new Started(new SandboxPartners(baseUrl), process);
    }

    static Path jar() {
        String configured = System.getProperty(JAR_PROPERTY, "");
        if (!configured.isBlank()) {
            Path jar = Path.of(configured).toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(JAR_PROPERTY + " names no file: " + jar);
            }
            return jar;
        }
        return JarProcess.execJar(JarProcess.projectRootHolding(MODULE), MODULE);
    }

    /** The running process and the client for it. */
    private record Started(SandboxPartners partners, JarProcess process) implements AutoCloseable {

        @Override
        public void close() {
            process.terminate();
        }
    }
}
