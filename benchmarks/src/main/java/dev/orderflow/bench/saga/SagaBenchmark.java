package dev.orderflow.bench.saga;

import com.zaxxer.hikari.HikariDataSource;
import dev.orderflow.bench.relay.CommitRateBaseline;
import dev.orderflow.bench.relay.RawProducerBaseline;
import dev.orderflow.localstack.Platform;
import dev.orderflow.localstack.ServiceSpec;
import dev.orderflow.testsupport.SharedKafka;
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
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The saga benchmark (issue 7): starts the whole local platform, drives it with an open-model load of the SPEC mix, and
 * writes a report to {@code target/bench/<timestamp>/}: raw data, a JSON summary and an HTML page with charts. Same-run
 * baselines (PostgreSQL commits, raw Kafka producer) turn the figures into ratios that hold on other machines. A run
 * that lost an order or broke an invariant is reported as FAILED, however fast it was. It asserts nothing about speed.
 */
public final class SagaBenchmark {

    private static final Logger log = LoggerFactory.getLogger(SagaBenchmark.class);
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(5);

    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private Platform platform;

    /** What to run: bench.* system properties (benchmarks/README.md). */
    record Settings(
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
            Duration warmup,
            double warmupRate) {

        static Settings load() {
            return new Settings(
                    System.getProperty("bench.mode", "steady"),
                    Double.parseDouble(prop("bench.rate", "50")),
                    Duration.parse("PT" + prop("bench.duration", "60s").toUpperCase()),
                    Duration.parse("PT" + prop("bench.spike", "60s").toUpperCase()),
                    Double.parseDouble(prop("bench.max-start", "50")),
                    Double.parseDouble(prop("bench.max-step", "50")),
                    Integer.parseInt(prop("bench.max-steps", "8")),
                    Duration.parse("PT" + prop("bench.step-length", "30s").toUpperCase()),
                    Integer.parseInt(prop("bench.port-offset", "300")),
                    Path.of(prop("bench.root", "..")).toAbsolutePath().normalize(),
                    Duration.parse("PT" + prop("bench.warmup", "60s").toUpperCase()),
                    Double.parseDouble(prop("bench.warmup-rate", "5")));
        }

        private static String prop(String key, String fallback) {
            String value = System.getProperty(key);
            return value == null || value.isBlank() ? fallback : value;
        }

        Schedule schedule() {
            return switch (mode) {
                case "steady" -> Schedule.steady(rate, duration);
                case "spike" ->
                    Schedule.spike(
                            rate, duration, spike.compareTo(duration.dividedBy(3)) > 0 ? duration.dividedBy(3) : spike);
                case "max" -> Schedule.steps(maxStart, maxStep, maxSteps, stepLength);
                default -> throw new IllegalArgumentException("bench.mode must be steady, spike or max: " + mode);
            };
        }
    }

    SagaBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.load();
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
        Map<String, Object> summary = new java.util.LinkedHashMap<>();
        summary.put("mode", settings.mode());
        summary.put("loadAverageAtStart", loadAverage());
        summary.put("cores", Runtime.getRuntime().availableProcessors());
        log.info("Starting the platform (port offset {})", settings.portOffset());
        platform = Platform.start(
                settings.root(),
                settings.portOffset(),
                List.of(
                        "--orderflow.api.load-shedding.per-client-rate=1000000",
                        "--orderflow.api.load-shedding.max-in-flight=1000",
                        "--logging.structured.format.console=",
                        "--logging.level.root=WARN"));
        Catalog catalog = Catalog.seed(this);
        summary.put("baselines", baselines());

        // Warm-up, not measured: the services' JIT compilers, connection pools and consumer group assignments settle
        // before the first measured order (on 2 cores, six JVMs compiling at once is most of the first minute).
        List<PlacedOrder> warmup = new ArrayList<>();
        log.info("Warming up: {} orders/s for {}", settings.warmupRate(), settings.warmup());
        drive(Schedule.steady(settings.warmupRate(), settings.warmup()), catalog, warmup, new ArrayList<>());
        settle(warmup, new ArrayList<>());
        summary.put("warmupOrders", warmup.size());

        Schedule schedule = settings.schedule();
        List<PlacedOrder> orders = new ArrayList<>();
        List<Map<String, Object>> timeline = new ArrayList<>();
        Map<String, Double> cpuBefore = cpuSeconds();
        long wallBefore = System.nanoTime();
        drive(schedule, catalog, orders, timeline);
        settle(orders, timeline);
        summary.put("cpu", cpuShare(cpuBefore, cpuSeconds(), Duration.ofNanos(System.nanoTime() - wallBefore)));
        Verification verification = Verification.of(this, orders, catalog);
        summary.put("loadAverageAtEnd", loadAverage());
        summary.put("residentMemoryMb", residentMemory());
        Report.write(out, settings, schedule, orders, timeline, summary, verification);
        log.info("Report: {} — {}", out.resolve("summary.html"), verification.passed() ? "PASSED" : "FAILED");
        return verification.passed() ? 0 : 1;
    }

    /** Sends every order at its due time from virtual threads; a sampler records the pipeline every second. */
    private void drive(
            Schedule schedule, Catalog catalog, List<PlacedOrder> orders, List<Map<String, Object>> timeline) {
        long[] due = schedule.dueNanos();
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> timeline.add(sample(startMillis, orders)), 0, 1, TimeUnit.SECONDS);
        long progressEvery = Math.max(1, due.length / 20);
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < due.length; i++) {
                long wait = startNanos + due[i] - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                PlacedOrder order = new PlacedOrder(i, PlacedOrder.Kind.of(i), startMillis + due[i] / 1_000_000);
                synchronized (orders) {
                    orders.add(order);
                }
                long dueAt = startNanos + due[i];
                senders.execute(() -> place(order, catalog, dueAt));
                if (i % progressEvery == 0) {
                    log.info(
                            "{} {}/{} orders due, {} orders/s now",
                            schedule.phaseAt(due[i]).name(),
                            i,
                            due.length,
                            schedule.phaseAt(due[i]).rate());
                }
            }
        } finally {
            sampler.shutdownNow();
        }
    }

    private void place(PlacedOrder order, Catalog catalog, long dueNanos) {
        String body = catalog.orderBody(order);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(ServiceSpec.ORDER) + "/api/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                // The shop backend's token, as a real storefront places orders (renewed before it expires).
                .header("Authorization", "Bearer " + platform.tokens().forPath("/api/orders"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            order.intakeMicros = (System.nanoTime() - dueNanos) / 1000;
            order.status = response.statusCode();
            if (response.statusCode() == 202) {
                order.orderId = JSON.readTree(response.body()).get("id").asString();
            }
        } catch (IOException | RuntimeException e) {
            order.intakeMicros = (System.nanoTime() - dueNanos) / 1000;
            order.status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits (bounded) until every accepted order is terminal, reading each one's platform timestamps. */
    private void settle(List<PlacedOrder> orders, List<Map<String, Object>> timeline) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        long startMillis = orders.isEmpty() ? System.currentTimeMillis() : orders.getFirst().dueEpochMillis;
        for (int round = 0; round < 10_000 && System.nanoTime() < deadline; round++) {
            List<PlacedOrder> open =
                    orders.stream().filter(o -> o.accepted() && !o.terminal()).toList();
            if (open.isEmpty()) {
                return;
            }
            log.info("Waiting for {} orders to finish", open.size());
            try (ExecutorService readers = Executors.newFixedThreadPool(8)) {
                open.forEach(o -> readers.execute(() -> read(o)));
            }
            timeline.add(sample(startMillis, orders));
            if (orders.stream().anyMatch(o -> o.accepted() && !o.terminal())) {
                TimeUnit.SECONDS.sleep(1);
            }
        }
    }

    private void read(PlacedOrder order) {
        JsonNode view = get(ServiceSpec.ORDER, "/api/orders/" + order.orderId);
        String status = view.path("status").asString("");
        if (status.equals("COMPLETED") || status.equals("CANCELLED")) {
            order.createdEpochMillis =
                    Instant.parse(view.get("createdAt").asString()).toEpochMilli();
            order.terminalEpochMillis =
                    Instant.parse(view.get("updatedAt").asString()).toEpochMilli();
            order.outcome = status.equals("COMPLETED")
                    ? "COMPLETED"
                    : view.path("cancellationReason").asString();
        }
    }

    /** One point of the timeline: what was placed, and the pipeline's backlog and lag across the services. */
    private Map<String, Object> sample(long startMillis, List<PlacedOrder> orders) {
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
            String metrics = scrape(spec);
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

    private Map<String, Object> baselines() throws Exception {
        Map<String, Object> baselines = new java.util.LinkedHashMap<>();
        HikariDataSource data = new HikariDataSource();
        data.setJdbcUrl(SharedPostgres.createDatabase("bench"));
        data.setUsername(SharedPostgres.username());
        data.setPassword(SharedPostgres.password());
        data.setMaximumPoolSize(4);
        JdbcClient jdbc = JdbcClient.create(data);
        jdbc.sql("create table bench_outbox (id uuid primary key, topic text not null, message_key text not null,"
                        + " payload jsonb not null, created_at timestamptz not null default now())")
                .update();
        String payload = "{\"orderId\":\"%s\",\"customerId\":\"c-1\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}";
        CommitRateBaseline.Result commits =
                CommitRateBaseline.run("outbox-shaped inserts, 4 connections", 4, Duration.ofSeconds(10), () -> {
                    UUID id = UUID.randomUUID();
                    jdbc.sql(
                                    "insert into bench_outbox (id, topic, message_key, payload) values (?, ?, ?, cast(? as jsonb))")
                            .params(id, "orderflow.orders", id.toString(), payload.formatted(id))
                            .update();
                });
        baselines.put("postgresCommitsPerSecond", Math.round(commits.perSecond()));
        data.close();
        Map<String, Object> producer = new HashMap<>();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("bench.raw", 6, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        RawProducerBaseline.Result raw = RawProducerBaseline.run(producer, "bench.raw", 100_000);
        baselines.put("kafkaRawProducerRecordsPerSecond", Math.round(raw.perSecond()));
        log.info("Baselines: {}", baselines);
        return baselines;
    }

    String url(ServiceSpec spec) {
        return platform.baseUrl(spec);
    }

    /** The service's metrics, from its management port. */
    String scrape(ServiceSpec spec) {
        return exchange(
                        spec,
                        "/actuator/prometheus",
                        HttpRequest.newBuilder(URI.create(platform.managementUrl(spec) + "/actuator/prometheus")),
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

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * CPU seconds used so far by each process of the platform, this JVM (the embedded Kafka broker and the load
     * generator) and PostgreSQL (all its processes), from /proc.
     */
    private Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new java.util.LinkedHashMap<>();
        cpu.put(
                "benchmark-jvm (Kafka broker, generator)",
                cpuOf(ProcessHandle.current().pid()));
        platform.pids().forEach((spec, pid) -> cpu.put(spec.name(), cpuOf(pid)));
        double postgres = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("[0-9]+"))
                    .toList()) {
                try {
                    if (Files.readString(proc.resolve("comm")).strip().equals("postgres")) {
                        postgres += cpuOf(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // The process ended meanwhile.
                }
            }
        } catch (IOException e) {
            postgres = -1;
        }
        cpu.put("postgres", postgres);
        return cpu;
    }

    /** Each process's share of the machine during the run (1.0 = one core fully busy). */
    private static Map<String, Object> cpuShare(Map<String, Double> before, Map<String, Double> after, Duration wall) {
        Map<String, Object> share = new java.util.LinkedHashMap<>();
        double seconds = wall.toMillis() / 1000.0;
        double total = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) {
            double used = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            total += used;
            share.put(e.getKey(), Math.round(used / seconds * 100) / 100.0);
        }
        share.put("all (cores busy)", Math.round(total / seconds * 100) / 100.0);
        share.put("cores", Runtime.getRuntime().availableProcessors());
        return share;
    }

    private static double cpuOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Resident memory of every process of the platform (VmRSS), in MB. */
    private Map<String, Long> residentMemory() {
        Map<String, Long> rss = new java.util.LinkedHashMap<>();
        rss.put(
                "benchmark-jvm (Kafka, PostgreSQL client side, generator)",
                rssOf(ProcessHandle.current().pid()));
        platform.pids().forEach((spec, pid) -> rss.put(spec.name(), rssOf(pid)));
        return rss;
    }

    private static long rssOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
