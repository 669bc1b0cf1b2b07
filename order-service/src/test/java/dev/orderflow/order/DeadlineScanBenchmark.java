package dev.orderflow.order;

import com.sun.management.OperatingSystemMXBean;
import dev.orderflow.testsupport.OrderflowTestProperties;
import dev.orderflow.testsupport.SharedKafka;
import dev.orderflow.testsupport.SharedPostgres;
import dev.orderflow.testsupport.TestIdentityProvider;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How long one replica takes to time out a backlog of overdue orders (issue 16): a program, never a test; it prints
 * figures and asserts nothing. It starts order-service with its production configuration on the embedded Kafka and
 * PostgreSQL the tests use, commits a backlog of overdue orders shaped like placed ones, and runs the deadline scan as
 * its scheduler does (one run, then the interval, fixed delay) until every order is CANCELLED(TIMED_OUT). A batch
 * stamps its orders' {@code status_changed_at} with the time it started, which gives each batch's duration.
 *
 * <pre>./mvnw -B -ntp -pl order-service -am -Pbench-deadline -DskipTests verify [-Dbench.orders=10000 -Dbench.rounds=3]</pre>
 */
public final class DeadlineScanBenchmark {

    private static final Logger log = LoggerFactory.getLogger(DeadlineScanBenchmark.class);
    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration GIVE_UP = Duration.ofMinutes(10);

    private DeadlineScanBenchmark() {}

    public static void main(String[] args) {
        int status = 0;
        try {
            run(Integer.getInteger("bench.orders", 10_000), Integer.getInteger("bench.rounds", 3));
        } catch (Exception e) {
            log.error("The deadline scan benchmark failed", e);
            status = 1;
        }
        // The embedded broker leaves non-daemon threads behind; the shutdown hooks stop it and the database.
        System.exit(status);
    }

    private static void run(int orders, int rounds) {
        String databaseUrl = SharedPostgres.createDatabase("orders-bench");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(OrderServiceApplication.class)
                .initializers(DeadlineScanBenchmark::leaveOutTheTestSources)
                .run(arguments(SharedKafka.bootstrapServers(), databaseUrl))) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            OrderDeadlines deadlines = context.getBean(OrderDeadlines.class);
            OrderProperties.Job scan = context.getBean(OrderProperties.class).deadlineScan();
            ProcessHandle postgres = postmaster(jdbc);
            List<String> report = new ArrayList<>();
            report.add("Deadline scan benchmark: %,d overdue orders per round, %d rounds".formatted(orders, rounds));
            report.add("machine: %d cores, %s %s, JVM %s; PostgreSQL %s embedded; Kafka broker in this JVM"
                    .formatted(
                            Runtime.getRuntime().availableProcessors(),
                            System.getProperty("os.name"),
                            System.getProperty("os.arch"),
                            Runtime.version(),
                            jdbc.sql("show server_version").query(String.class).single()));
            report.add("scan: a run every %s after the last (fixed delay), up to %d batches of %d: %,d orders per run"
                    .formatted(
                            scan.interval(),
                            scan.maxBatches(),
                            scan.batchSize(),
                            scan.maxBatches() * scan.batchSize()));
            for (int round = 1; round <= rounds; round++) {
                report.add(round(jdbc, deadlines, scan, orders, "deadline-bench-" + round, postgres));
            }
            log.info("Deadline scan benchmark done");
            System.out.println(String.join(System.lineSeparator(), report));
        }
    }

    /** The service's component scan also sees the test sources (their kit and statement log): not for this run. */
    private static void leaveOutTheTestSources(ConfigurableApplicationContext context) {
        context.getBeanFactory().registerSingleton("benchmarkLeavesOutTestSources", new TypeExcludeFilter() {
            @Override
            public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
                return reader.getResource().getURL().toString().contains("/test-classes/");
            }
        });
    }

    /**
     * The service as it runs in production (its {@code application.yml} only, not the tests' overrides) on the
     * embedded infrastructure and free ports; the scan is run here rather than by the scheduler, to time each run.
     */
    private static String[] arguments(String bootstrapServers, String databaseUrl) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.config.location", "classpath:/application.yml");
        properties.put(OrderflowTestProperties.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers);
        properties.put(OrderflowTestProperties.DATASOURCE_URL, databaseUrl);
        properties.put(OrderflowTestProperties.DATASOURCE_USERNAME, SharedPostgres.username());
        properties.put(OrderflowTestProperties.DATASOURCE_PASSWORD, SharedPostgres.password());
        properties.put(OrderflowTestProperties.TOPIC_PREFIX, OrderflowTestProperties.newTopicPrefix());
        properties.putAll(TestIdentityProvider.shared().resourceServerProperties());
        properties.put("server.port", 0);
        properties.put("management.server.port", 0);
        properties.put("orderflow.orders.deadline-scan.enabled", false);
        return properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
    }

    private static String round(
            JdbcClient jdbc,
            OrderDeadlines deadlines,
            OrderProperties.Job scan,
            int orders,
            String customer,
            ProcessHandle postgres) {
        await(jdbc, "select not exists (select 1 from outbox_event where published_at is null)");
        insertOverdue(jdbc, customer, orders);
        Duration jvmBefore = jvmCpu();
        Duration postgresBefore = cpu(postgres);
        Instant start = Instant.now();
        List<Run> runs = new ArrayList<>();
        int cancelled = 0;
        while (cancelled < orders) {
            Instant runStart = Instant.now();
            int count = deadlines.cancelOverdue();
            runs.add(new Run(runStart, Instant.now(), count));
            cancelled += count;
            if (count == 0) {
                throw new IllegalStateException("A run timed out nothing with " + (orders - cancelled) + " left");
            }
            if (cancelled < orders) {
                LockSupport.parkNanos(scan.interval().toNanos());
            }
        }
        Instant done = runs.getLast().end();
        Instant published = await(jdbc, "select not exists (select 1 from outbox_event where published_at is null)");
        Duration jvm = jvmCpu().minus(jvmBefore);
        Duration database = cpu(postgres).minus(postgresBefore);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<Duration> batches = batchDurations(jdbc, customer, runs);
        Duration scanning = runs.stream().map(Run::duration).reduce(Duration.ZERO, Duration::plus);
        return ("round %s: %,d timed out in %.2f s (%,.0f orders/s): %d runs %s, %d batches of up to %d taking"
                        + " mean %.0f ms, max %.0f ms (%,.0f orders/s while a run lasts); all OrderCancelled published"
                        + " %.2f s after the first run started; CPU %.2f s in this JVM (service, relay, broker) +"
                        + " %.2f s in PostgreSQL = %.2f ms per order; load average at the end %.1f")
                .formatted(
                        customer,
                        cancelled,
                        seconds(Duration.between(start, done)),
                        cancelled / seconds(Duration.between(start, done)),
                        runs.size(),
                        runs.stream()
                                .map(run -> "%d in %.2f s".formatted(run.orders(), seconds(run.duration())))
                                .toList(),
                        batches.size(),
                        scan.batchSize(),
                        batches.stream()
                                .mapToDouble(batch -> seconds(batch) * 1000)
                                .average()
                                .orElse(Double.NaN),
                        batches.stream()
                                .mapToDouble(batch -> seconds(batch) * 1000)
                                .max()
                                .orElse(Double.NaN),
                        cancelled / seconds(scanning),
                        seconds(Duration.between(start, published)),
                        seconds(jvm),
                        seconds(database),
                        seconds(jvm.plus(database)) * 1000 / cancelled,
                        load);
    }

    /** Each batch lasts until the next of its run starts; the last one until its run ends. */
    private static List<Duration> batchDurations(JdbcClient jdbc, String customer, List<Run> runs) {
        List<Instant> starts = jdbc.sql("""
                        select distinct status_changed_at from orders
                        where customer_id = :customer and status = 'CANCELLED' and cancellation_reason = 'TIMED_OUT'
                        order by status_changed_at
                        """)
                .param("customer", customer)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .list();
        List<Duration> durations = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Instant batchStart = starts.get(i);
            Run run = runs.stream()
                    .filter(r -> !batchStart.isBefore(r.start().minusMillis(1)) && !batchStart.isAfter(r.end()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("A batch outside every run at " + batchStart));
            Instant end =
                    i + 1 < starts.size() && starts.get(i + 1).isBefore(run.end()) ? starts.get(i + 1) : run.end();
            durations.add(Duration.between(batchStart, end));
        }
        return durations;
    }

    /** Orders as placement leaves them (two lines, an OrderPlaced entry), PENDING and a minute past their deadline. */
    private static void insertOverdue(JdbcClient jdbc, String customer, int count) {
        jdbc.sql("""
                        with placed as (
                            insert into orders (id, customer_id, customer_email, ship_name, ship_line1, ship_city,
                                                ship_postal_code, ship_country, status, correlation_id, last_event_id,
                                                created_at, updated_at, status_changed_at, deadline_at)
                            select gen_random_uuid(), :customer, 'ana@example.com', 'Ana', 'Main St 1', 'Berlin',
                                   '10115', 'DE', 'PENDING', event, event, now() - interval '6 minutes',
                                   now() - interval '6 minutes', now() - interval '6 minutes',
                                   now() - interval '1 minute'
                            from (select gen_random_uuid() as event from generate_series(1, :count)) as events
                            returning id, created_at
                        ),
                        items as (
                            insert into order_item (order_id, line_no, sku, quantity)
                            select id, line, 'SKU-' || line, 1 from placed, generate_series(0, 1) as line
                        )
                        insert into order_timeline (order_id, status, event, at)
                        select id, 'PENDING', 'OrderPlaced', created_at from placed
                        """).param("customer", customer).param("count", count).update();
        log.info("Committed {} overdue orders of {}", count, customer);
    }

    /** Polls the condition until it holds and returns when it was first seen to. */
    private static Instant await(JdbcClient jdbc, String condition) {
        Instant since = Instant.now();
        while (!jdbc.sql(condition).query(Boolean.class).single()) {
            if (Duration.between(since, Instant.now()).compareTo(GIVE_UP) > 0) {
                throw new IllegalStateException("Still not done after " + GIVE_UP + ": " + condition);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        return Instant.now();
    }

    /** The embedded server's postmaster, the parent of this connection's backend. */
    private static ProcessHandle postmaster(JdbcClient jdbc) {
        long backend = jdbc.sql("select pg_backend_pid()").query(Long.class).single();
        return ProcessHandle.of(backend)
                .flatMap(ProcessHandle::parent)
                .orElseThrow(() -> new IllegalStateException("No postmaster above backend " + backend));
    }

    /** CPU time of the server and its live backends (the pool keeps its connections for the whole run). */
    private static Duration cpu(ProcessHandle postmaster) {
        return Stream.concat(Stream.of(postmaster), postmaster.children())
                .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    private static Duration jvmCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? Duration.ofNanos(os.getProcessCpuTime())
                : Duration.ZERO;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** One run of the scan: when it started and ended, and how many orders it timed out. */
    private record Run(Instant start, Instant end, int orders) {

        Duration duration() {
            return Duration.between(start, end);
        }
    }
}
