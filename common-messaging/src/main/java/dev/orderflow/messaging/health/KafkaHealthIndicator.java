package dev.orderflow.messaging.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether this service can reach its Kafka cluster: one bounded describe-cluster call per check, on one long-lived admin
 * client. A component of {@code /actuator/health} and the gauge {@value #REACHABLE_METRIC} (1 or 0, the last check's
 * answer; the housekeeping checks every lag interval), never part of readiness or liveness: while the broker is away
 * the service keeps serving from its database and the relay keeps its events in the outbox (SPEC §5).
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements MeterBinder, DisposableBean {

    public static final String REACHABLE_METRIC = "orderflow.kafka.reachable";

    private static final int UNKNOWN = -1;

    private final Admin admin;
    private final Duration timeout;
    private final AtomicInteger reachable = new AtomicInteger(UNKNOWN);

    public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout) {
        super("Kafka health check failed");
        Map<String, Object> config = new HashMap<>(adminConfig);
        int millis = Math.toIntExact(timeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "orderflow-health");
        this.admin = Admin.create(config);
        this.timeout = timeout;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(REACHABLE_METRIC, reachable, r -> r.get() == UNKNOWN ? Double.NaN : r.get())
                .description("1 if the last check reached the Kafka cluster, 0 if it did not; NaN before the first")
                .register(registry);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        try {
            reachable.set(check(builder) ? 1 : 0);
        } catch (Exception e) {
            reachable.set(0);
            throw e;
        }
    }

    /** Whether the cluster answered with at least one broker; the answer goes to {@code builder}. */
    private boolean check(Health.Builder builder) throws Exception {
        DescribeClusterResult cluster =
                admin.describeCluster(new DescribeClusterOptions().timeoutMs(Math.toIntExact(timeout.toMillis())));
        String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Collection<Node> nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (nodes.isEmpty()) {
            builder.down().withDetail("clusterId", clusterId).withDetail("brokers", 0);
            return false;
        }
        builder.up().withDetail("clusterId", clusterId).withDetail("brokers", nodes.size());
        return true;
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(1));
    }
}
