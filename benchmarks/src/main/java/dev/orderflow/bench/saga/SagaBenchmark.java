package dev.orderflow.bench.saga;

import dev.orderflow.localstack.Platform;
import dev.orderflow.localstack.SandboxTokens;
import dev.orderflow.localstack.ServiceSpec;
import dev.orderflow.testsupport.SharedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The saga benchmark (issues 7 and 15): starts the whole local platform, drives it with the SPEC mix (an open-model
 * rate, or a burst from closed-loop clients) or leaves it idle, and writes a report to {@code target/bench/<timestamp>/}:
 * raw data, a JSON summary, an HTML page with charts, and with {@code bench.profile} a JFR profile of every JVM. Same-run
 * baselines (PostgreSQL commits, raw Kafka producer) turn the figures into ratios that hold on other machines. A run
 * that lost an order or broke an invariant is reported as FAILED, however fast it was. It asserts nothing about speed.
 */
public final class SagaBenchmark {

    private static final Logger log = LoggerFactory.getLogger(SagaBenchmark.class);
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] TIMELINE_METRICS = {
        "orderflow_outbox_backlog_rows",
        "orderflow_consumer_lag_records",
        "orderflow_orders_completed_total",
        "orderflow_orders_cancelled_total",
        "orderflow_orders_in_flight"
    };

    private final SagaSettings settings;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private Platform platform;

    SagaBenchmark(SagaSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        SagaSettings settings = SagaSettings.load();
        Path out = settings.root()
                .resolve("target/bench")
                .resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now(ZoneOffset.UTC)));
        Files.createDirectories(out);
        SagaBenchmark bench = new SagaBenchmark(settings);
        int exit;
        try {
            exit = bench.run(out);
        } finally {
            if (bench.platform != null) {
                bench.platform.close();
            }
        }
        System.exit(exit);
    }

    int run(Path out) throws Exception {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("mode", settings.mode());
        summary.put("settings", settings.toMap());
        summary.put("platform", Checkout.describe(settings.platformRoot()));
        if (!settings.platformRoot().equals(settings.root())) {
            summary.put("benchmark", Checkout.describe(settings.root()));
        }
        summary.put("loadAverageAtStart", ProcessStats.loadAverage());
        summary.put("cores", Runtime.getRuntime().availableProcessors());
        log.info(
                "Starting the platform from {} (port offset {}{})",
                settings.platformRoot(),
                settings.portOffset(),
                settings.profile() ? ", profiled with JFR" : "");
        platform = Platform.start(
                settings.platformRoot(),
                settings.portOffset(),
                serviceArguments(),
                settings.profile() ? Profiler.JVM_OPTIONS : List.of(),
                out.resolve("logs"));
        String benchDatabase = SharedPostgres.createDatabase("bench");
        ProcessStats stats = new ProcessStats(this::jvms, Baselines.postmasterPid(benchDatabase));
        @Nullable Profiler profiler = settings.profile() ? new Profiler(out) : null;
        Catalog catalog = Catalog.seed(this);
        RunContext context = new RunContext(this, settings, stats, profiler, out, summary);
        if (settings.mode().equals("idle")) {
            return new IdleRun(context).run(catalog);
        }
        summary.put("baselines", Baselines.measure(benchDatabase));
        return new LoadRun(context).run(catalog);
    }

    /** Spring arguments for every service: the benchmark's limits for its own client, quiet logs, trace sampling. */
    private List<String> serviceArguments() {
        List<String> arguments = new ArrayList<>(List.of(
                "--orderflow.api.load-shedding.per-client-rate=" + settings.perClientRate(),
                "--orderflow.api.load-shedding.max-in-flight=" + settings.maxInFlight(),
                "--logging.structured.format.console=",
                "--logging.level.root=WARN"));
        if (!settings.sampling().isEmpty()) {
            arguments.add("--management.tracing.sampling.probability=" + settings.sampling());
        }
        return arguments;
    }

    /** Every JVM of the platform by name, with its pid now. */
    Map<String, Long> jvms() {
        Map<String, Long> jvms = new LinkedHashMap<>();
        platform.pids().forEach((spec, pid) -> jvms.put(spec.name(), pid));
        return jvms;
    }

    /** Everything a mode needs of the run: the benchmark's HTTP side, settings, measurements and report folder. */
    record RunContext(
            SagaBenchmark bench,
            SagaSettings settings,
            ProcessStats stats,
            @Nullable Profiler profiler,
            Path out,
            Map<String, Object> summary) {}

    /** One point of the timeline: what was placed, and the pipeline's backlog and lag across the services. */
    Map<String, Object> sample(long startMillis, List<PlacedOrder> orders) {
        Map<String, Object> point = new HashMap<>();
        point.put("t", (System.currentTimeMillis() - startMillis) / 1000.0);
        long sent;
        synchronized (orders) {
            sent = orders.size();
        }
        point.put("sent", sent);
        double backlog = 0;
        double lag = 0;
        for (ServiceSpec spec : List.of(
                ServiceSpec.ORDER,
                ServiceSpec.INVENTORY,
                ServiceSpec.PAYMENT,
                ServiceSpec.SHIPPING,
                ServiceSpec.NOTIFICATION)) {
            String metrics = scrape(spec, TIMELINE_METRICS);
            backlog += Metrics.sum(metrics, "orderflow_outbox_backlog_rows");
            lag += Metrics.sum(metrics, "orderflow_consumer_lag_records");
            if (spec == ServiceSpec.ORDER) {
                point.put("completed", Metrics.sum(metrics, "orderflow_orders_completed_total"));
                point.put("cancelled", Metrics.sum(metrics, "orderflow_orders_cancelled_total"));
                point.put("inFlight", Metrics.sum(metrics, "orderflow_orders_in_flight"));
            }
        }
        point.put("outboxBacklog", backlog);
        point.put("consumerLag", lag);
        return point;
    }

    HttpClient http() {
        return http;
    }

    SandboxTokens tokens() {
        return platform.tokens();
    }

    String url(ServiceSpec spec) {
        return platform.baseUrl(spec);
    }

    /**
     * The service's metrics, from its management port: only the named ones when names are given (a full scrape costs
     * every service noticeable CPU, and the benchmark reads a handful of series).
     */
    String scrape(ServiceSpec spec, String... names) {
        String query = "";
        if (names.length > 0) {
            // Counters are known to the registry without their _total suffix, and exposed with it.
            query = "?includedNames="
                    + String.join(
                            ",",
                            java.util.Arrays.stream(names)
                                    .flatMap(n -> java.util.stream.Stream.of(n, n.replaceFirst("_total$", "")))
                                    .distinct()
                                    .toList());
        }
        return exchange(
                        spec,
                        "/actuator/prometheus",
                        HttpRequest.newBuilder(
                                URI.create(platform.managementUrl(spec) + "/actuator/prometheus" + query)),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    JsonNode get(ServiceSpec spec, String path) {
        return JSON.readTree(text(spec, path));
    }

    String text(ServiceSpec spec, String path) {
        return exchange(
                        spec,
                        path,
                        HttpRequest.newBuilder(URI.create(url(spec) + path)),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    int send(ServiceSpec spec, String method, String path, String body) {
        return exchange(
                        spec,
                        path,
                        HttpRequest.newBuilder(URI.create(url(spec) + path))
                                .header("Content-Type", "application/json")
                                .method(method, HttpRequest.BodyPublishers.ofString(body)),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private <T> HttpResponse<T> exchange(
            ServiceSpec spec, String path, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        if (path.startsWith("/api/")) {
            // Catalog and stock set-up and the read APIs the verification uses, with the token their client holds.
            request.header("Authorization", "Bearer " + platform.tokens().forPath(path));
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), body);
        } catch (IOException e) {
            throw new IllegalStateException(spec.name() + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static BigDecimal money(JsonNode value) {
        return value == null || value.isNull() ? BigDecimal.ZERO : new BigDecimal(value.asString());
    }
}
