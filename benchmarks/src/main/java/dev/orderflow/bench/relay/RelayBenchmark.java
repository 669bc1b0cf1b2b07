package dev.orderflow.bench.relay;

import dev.orderflow.testsupport.OrderflowTestProperties;
import dev.orderflow.testsupport.SharedKafka;
import dev.orderflow.testsupport.SharedPostgres;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures the outbox relay against its two ceilings on one machine, in one run: a raw Kafka producer on the same
 * broker and PostgreSQL's commit rate; then how fast it drains a backlog and its commit-to-consumer latency at fixed
 * rates. Starts its own embedded broker and database, prints figures, asserts nothing. See benchmarks/README.md.
 */
public final class RelayBenchmark {

    private static final Logger log = LoggerFactory.getLogger(RelayBenchmark.class);

    private RelayBenchmark() {}

    public static void main(String[] args) {
        int status = 0;
        try {
            run(BenchSettings.load(args, System.getProperties()), args, new Report(System.out));
        } catch (Exception e) {
            log.error("The relay benchmark failed", e);
            status = 1;
        }
        // The embedded broker leaves non-daemon threads behind; the shutdown hooks stop it and the database.
        System.exit(status);
    }

    static void run(BenchSettings settings, String[] args, Report report) throws Exception {
        log.info("Starting embedded Kafka and PostgreSQL");
        CompletableFuture<String> kafka = CompletableFuture.supplyAsync(
                SharedKafka::bootstrapServers,
                task -> Thread.ofPlatform().name("kafka-start").start(task));
        String databaseUrl = SharedPostgres.createDatabase("bench");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RelayBenchApplication.class)
                .properties(properties(settings, kafka.join(), databaseUrl))
                .run(args)) {
            OutboxBench bench = new OutboxBench(context);
            // Nothing may publish while the baselines run; the drain phase starts the relay and it keeps running.
            bench.relay().stop();
            MachineLoad.watchPostgres(bench.postmasterPid());
            report.setup(describe(settings, bench));

            String rawTopic = bench.topicName("bench-raw");
            bench.kafka().createTopic(rawTopic, settings.partitions());
            report.rawProducer(
                    RawProducerBaseline.run(bench.kafka().producerConfig(), rawTopic, settings.rawRecords()));

            report.commitRate(CommitRateBaseline.run(
                    "Outbox.publish, 1 event/tx",
                    settings.commitThreads(),
                    settings.commitDuration(),
                    bench::publishOne));
            CommitRateBaseline.createPlainTable(bench.jdbc());
            report.commitRate(CommitRateBaseline.run(
                    "same row, no NOTIFY trigger",
                    settings.commitThreads(),
                    settings.commitDuration(),
                    () -> bench.inTransaction(
                            () -> CommitRateBaseline.insertPlainRow(bench.jdbc(), bench.ordersTopic()))));

            report.drain(
                    new DrainRun(bench).run(settings.backlog(), settings.commitThreads(), settings.drainTimeout()));
            for (int rate : settings.rates()) {
                report.fixedRate(new FixedRateRun(bench).run(rate, settings.rateDuration(), settings.writers()));
            }
            report.summary();
        }
    }

    private static Map<String, Object> properties(BenchSettings settings, String bootstrapServers, String databaseUrl) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
        properties.put("spring.datasource.url", databaseUrl);
        properties.put("spring.datasource.username", SharedPostgres.username());
        properties.put("spring.datasource.password", SharedPostgres.password());
        properties.put("spring.datasource.hikari.maximum-pool-size", settings.poolSize());
        properties.put(OrderflowTestProperties.TOPIC_PREFIX, OrderflowTestProperties.newTopicPrefix());
        properties.put("orderflow.messaging.topics.partitions", settings.partitions());
        properties.put("orderflow.messaging.relay.batch-size", settings.batchSize());
        return properties;
    }

    private static List<String> describe(BenchSettings settings, OutboxBench bench) {
        Runtime runtime = Runtime.getRuntime();
        Map<String, Object> producer = bench.kafka().producerConfig();
        return List.of(
                "machine: %d cores, %s %s %s, JVM %s %s, max heap %d MB"
                        .formatted(
                                runtime.availableProcessors(),
                                System.getProperty("os.name"),
                                System.getProperty("os.version"),
                                System.getProperty("os.arch"),
                                System.getProperty("java.vm.vendor"),
                                Runtime.version(),
                                runtime.maxMemory() >> 20),
                "jvm args: " + ManagementFactory.getRuntimeMXBean().getInputArguments(),
                "postgresql %s embedded (fsync=%s, synchronous_commit=%s, full_page_writes=%s, shared_buffers=%s)"
                        .formatted(
                                bench.databaseSetting("show server_version"),
                                bench.databaseSetting("show fsync"),
                                bench.databaseSetting("show synchronous_commit"),
                                bench.databaseSetting("show full_page_writes"),
                                bench.databaseSetting("show shared_buffers")),
                "kafka: one embedded KRaft broker in this JVM, client %s; %d partitions per topic"
                        .formatted(AppInfoParser.getVersion(), settings.partitions()),
                "producer: acks=%s enable.idempotence=%s linger.ms=%s batch.size=%s max.in.flight=%s"
                        .formatted(
                                producer.get(ProducerConfig.ACKS_CONFIG),
                                producer.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG),
                                producer.get(ProducerConfig.LINGER_MS_CONFIG),
                                producer.get(ProducerConfig.BATCH_SIZE_CONFIG),
                                producer.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION)),
                "relay: batch-size=%d poll-interval=%s listen-notify=%s"
                        .formatted(
                                bench.relaySettings().batchSize(),
                                bench.relaySettings().pollInterval().toMillis() + "ms",
                                bench.relaySettings().listenNotify()),
                "run: %s".formatted(settings));
    }
}
