package dev.orderflow.bench.saga;

import com.zaxxer.hikari.HikariDataSource;
import dev.orderflow.bench.relay.CommitRateBaseline;
import dev.orderflow.bench.relay.RawProducerBaseline;
import dev.orderflow.testsupport.SharedKafka;
import dev.orderflow.testsupport.SharedPostgres;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The same-run baselines every figure is also a ratio to: outbox-shaped single-row commits into the run's PostgreSQL
 * from 4 connections, and a raw idempotent {@code KafkaProducer} on the run's broker.
 */
final class Baselines {

    private static final Logger log = LoggerFactory.getLogger(Baselines.class);

    private Baselines() {}

    /** The run's PostgreSQL server process: the parent of a connection's backend. */
    static long postmasterPid(String jdbcUrl) {
        try (HikariDataSource data = dataSource(jdbcUrl, 1)) {
            long backend = JdbcClient.create(data)
                    .sql("select pg_backend_pid()")
                    .query(Long.class)
                    .single();
            return ProcessHandle.of(backend)
                    .flatMap(ProcessHandle::parent)
                    .map(ProcessHandle::pid)
                    .orElse(-1L);
        }
    }

    static Map<String, Object> measure(String jdbcUrl) throws Exception {
        Map<String, Object> baselines = new LinkedHashMap<>();
        try (HikariDataSource data = dataSource(jdbcUrl, 4)) {
            JdbcClient jdbc = JdbcClient.create(data);
            jdbc.sql("create table bench_outbox (id uuid primary key, topic text not null, message_key text not null,"
                            + " payload jsonb not null, created_at timestamptz not null default now())")
                    .update();
            String payload =
                    "{\"orderId\":\"%s\",\"customerId\":\"c-1\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}";
            CommitRateBaseline.Result commits =
                    CommitRateBaseline.run("outbox-shaped inserts, 4 connections", 4, Duration.ofSeconds(10), () -> {
                        UUID id = UUID.randomUUID();
                        jdbc.sql("insert into bench_outbox (id, topic, message_key, payload)"
                                        + " values (?, ?, ?, cast(? as jsonb))")
                                .params(id, "orderflow.orders", id.toString(), payload.formatted(id))
                                .update();
                    });
            baselines.put("postgresCommitsPerSecond", Math.round(commits.perSecond()));
        }
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

    private static HikariDataSource dataSource(String jdbcUrl, int size) {
        HikariDataSource data = new HikariDataSource();
        data.setJdbcUrl(jdbcUrl);
        data.setUsername(SharedPostgres.username());
        data.setPassword(SharedPostgres.password());
        data.setMaximumPoolSize(size);
        return data;
    }
}
