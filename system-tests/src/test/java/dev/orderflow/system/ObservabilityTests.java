package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.localstack.ServiceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator relies on, proven on the running platform after a small mixed load: one trace per order across the
 * five services (exported over real OTLP), every metric of docs/metrics.md present with counts that match what was
 * placed, and service logs as JSON lines carrying the trace and order fields.
 */
class ObservabilityTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<ServiceSpec> SERVICES = List.of(
            ServiceSpec.ORDER,
            ServiceSpec.INVENTORY,
            ServiceSpec.PAYMENT,
            ServiceSpec.SHIPPING,
            ServiceSpec.NOTIFICATION);
    private static final Set<String> SERVICE_NAMES =
            SERVICES.stream().map(ServiceSpec::name).collect(Collectors.toSet());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String completedOrder;
    private static Map<String, Double> before;
    private static Map<String, Double> after;

    @BeforeAll
    static void placeAMixedLoad() {
        Shop shop = new Shop();
        String sku = shop.sku("OBS");
        shop.stock(sku, "9.90", 50);
        before = orderCounters();
        completedOrder = shop.place(Shop.order(shop.customer("obs"), "DE", Map.of(sku, 1)));
        List<String> orders = new ArrayList<>(List.of(
                completedOrder,
                shop.place(Shop.order(shop.customer("decline-obs"), "DE", Map.of(sku, 1))),
                shop.place(Shop.order(shop.customer("far-obs"), "XX", Map.of(sku, 1))),
                shop.place(Shop.order(shop.customer("greedy-obs"), "DE", Map.of(sku, 500)))));
        Shop.awaitAllTerminal(orders);
        // Counted once each transaction commits: wait until the last outcome is in.
        await().atMost(WAIT).until(() -> {
            after = orderCounters();
            return delta("orderflow_orders_placed_total") == 4
                    && delta("orderflow_orders_completed_total") + cancelledDelta() == 4;
        });
    }

    @Test
    void oneOrderIsOneTraceWithSpansFromAllFiveServicesEachCarryingTheOrderId() {
        List<OtlpReceiver.ReceivedSpan> trace = await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        ObservabilityTests::traceOfCompletedOrder,
                        spans -> !spans.isEmpty()
                                && servicesOf(spans).containsAll(SERVICE_NAMES)
                                && everyParentArrived(spans));

        assertThat(trace.stream().map(OtlpReceiver.ReceivedSpan::traceId).distinct())
                .as("trace ids of the order's spans")
                .hasSize(1);
        assertThat(servicesOf(trace)).containsAll(SERVICE_NAMES);
        assertThat(trace.stream().filter(OtlpReceiver.ReceivedSpan::isRoot))
                .as("the root: the request that placed the order")
                .singleElement()
                .satisfies(root -> {
                    assertThat(root.service()).isEqualTo(ServiceSpec.ORDER.name());
                    assertThat(root.kind()).isEqualTo("SPAN_KIND_SERVER");
                });
        assertThat(trace)
                .allSatisfy(span -> assertThat(span.attributes())
                        .as("%s %s", span.service(), span.name())
                        .containsEntry("order.id", completedOrder));
        assertThat(trace)
                .as("outbox hops: the relay's publish continues the writer's span")
                .anySatisfy(span -> assertThat(span.name()).isEqualTo("outbox publish"))
                .anySatisfy(span -> assertThat(span.kind()).isEqualTo("SPAN_KIND_CONSUMER"));
        assertThat(trace)
                .as("the partner hop: the provider call continues the payment's trace")
                .anySatisfy(span -> {
                    assertThat(span.service()).isEqualTo(ServiceSpec.PAYMENT.name());
                    assertThat(span.name()).isEqualTo("provider CHARGE");
                });
    }

    @Test
    void everyDocumentedMetricIsPresentAndOrdersAreCountedByOutcome() throws IOException {
        assertThat(delta("orderflow_orders_placed_total")).isEqualTo(4);
        assertThat(delta("orderflow_orders_completed_total")).isEqualTo(1);
        assertThat(delta("orderflow_orders_cancelled_total{reason=\"PAYMENT_DECLINED\"}"))
                .isEqualTo(1);
        assertThat(delta("orderflow_orders_cancelled_total{reason=\"SHIPPING_FAILED\"}"))
                .isEqualTo(1);
        assertThat(delta("orderflow_orders_cancelled_total{reason=\"OUT_OF_STOCK\"}"))
                .isEqualTo(1);

        // One request to every API, so each has served one whatever ran before (a series appears with its first use).
        SERVICES.forEach(spec -> Http.get(PlatformUnderTest.url(spec) + "/api/orders"));
        Map<ServiceSpec, String> scrapes = new LinkedHashMap<>();
        SERVICES.forEach(spec -> scrapes.put(spec, Operations.scrape(spec)));
        Map<String, Boolean> required = requiredMetrics();
        assertThat(required).as("required metrics in docs/metrics.md").hasSizeGreaterThanOrEqualTo(15);
        required.forEach((metric, everyService) -> {
            List<ServiceSpec> having = scrapes.entrySet().stream()
                    .filter(e -> exposes(e.getValue(), metric))
                    .map(Map.Entry::getKey)
                    .toList();
            if (everyService) {
                assertThat(having).as("services exposing %s", metric).containsExactlyElementsOf(SERVICES);
            } else {
                assertThat(having).as("services exposing %s", metric).isNotEmpty();
            }
        });
        scrapes.forEach((spec, text) -> assertThat(text)
                .as("%s labels its series with its name", spec.name())
                .contains("application=\"" + spec.name() + "\""));
        assertThat(Operations.metric(ServiceSpec.ORDER, "orderflow_orders_overdue"))
                .as("orders past their deadline")
                .isZero();
        assertThat(Operations.metric(ServiceSpec.PAYMENT, "orderflow_consumer_lag_records"))
                .as("payment-service lag, once the load is done")
                .isNotNegative();
    }

    @Test
    void serviceLogsAreJsonLinesCarryingTraceAndOrderFields() throws IOException {
        String traceId = await().atMost(WAIT)
                .until(ObservabilityTests::traceOfCompletedOrder, spans -> !spans.isEmpty())
                .getFirst()
                .traceId();
        for (ServiceSpec spec : SERVICES) {
            List<String> lines = Files.readAllLines(PlatformUnderTest.get().logFile(spec));
            List<String> output = lines.stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("WARNING: "))
                    .toList();
            assertThat(output).as("%s log", spec.name()).isNotEmpty();
            for (String line : output) {
                JsonNode json = parse(spec, line);
                assertThat(json.has("@timestamp") && json.has("level") && json.has("message"))
                        .as("%s: %s", spec.name(), line)
                        .isTrue();
            }
        }
        List<JsonNode> payment = Files.readAllLines(PlatformUnderTest.get().logFile(ServiceSpec.PAYMENT)).stream()
                .filter(line -> line.startsWith("{"))
                .map(line -> parse(ServiceSpec.PAYMENT, line))
                .filter(json -> completedOrder.equals(text(json, "orderId")))
                .toList();
        assertThat(payment)
                .as("payment-service lines about the order")
                .isNotEmpty()
                .allSatisfy(json -> {
                    assertThat(text(json, "traceId")).isEqualTo(traceId);
                    assertThat(text(json, "spanId")).isNotBlank();
                    assertThat(text(json, "correlationId")).isNotBlank();
                });
        assertThat(payment)
                .as("the consumer's lines name the event they handle")
                .anySatisfy(json -> assertThat(text(json, "eventId")).isNotBlank());
    }

    private static List<OtlpReceiver.ReceivedSpan> traceOfCompletedOrder() {
        List<OtlpReceiver.ReceivedSpan> spans = PlatformUnderTest.traces().spans();
        Set<String> traceIds = spans.stream()
                .filter(s -> completedOrder.equals(s.attributes().get("order.id")))
                .map(OtlpReceiver.ReceivedSpan::traceId)
                .collect(Collectors.toSet());
        return spans.stream().filter(s -> traceIds.contains(s.traceId())).toList();
    }

    private static Set<String> servicesOf(List<OtlpReceiver.ReceivedSpan> spans) {
        return spans.stream().map(OtlpReceiver.ReceivedSpan::service).collect(Collectors.toSet());
    }

    private static boolean everyParentArrived(List<OtlpReceiver.ReceivedSpan> spans) {
        Set<String> ids = spans.stream().map(OtlpReceiver.ReceivedSpan::spanId).collect(Collectors.toSet());
        return spans.stream().allMatch(s -> s.isRoot() || ids.contains(s.parentSpanId()));
    }

    private static Map<String, Double> orderCounters() {
        Map<String, Double> counters = new LinkedHashMap<>();
        counters.put(
                "orderflow_orders_placed_total", Operations.metric(ServiceSpec.ORDER, "orderflow_orders_placed_total"));
        counters.put(
                "orderflow_orders_completed_total",
                Operations.metric(ServiceSpec.ORDER, "orderflow_orders_completed_total"));
        for (String reason : List.of("PAYMENT_DECLINED", "SHIPPING_FAILED", "OUT_OF_STOCK")) {
            counters.put(
                    "orderflow_orders_cancelled_total{reason=\"" + reason + "\"}",
                    Operations.metric(
                            ServiceSpec.ORDER, "orderflow_orders_cancelled_total", "reason=\"" + reason + "\""));
        }
        counters.put(
                "orderflow_orders_cancelled_total",
                Operations.metric(ServiceSpec.ORDER, "orderflow_orders_cancelled_total"));
        return counters;
    }

    private static double delta(String counter) {
        return after.get(counter) - before.get(counter);
    }

    private static double cancelledDelta() {
        return delta("orderflow_orders_cancelled_total");
    }

    /** Metric name → whether every service must expose it, from the **required** rows of docs/metrics.md. */
    private static Map<String, Boolean> requiredMetrics() throws IOException {
        Path doc = projectRoot().resolve("docs/metrics.md");
        Map<String, Boolean> required = new LinkedHashMap<>();
        boolean everyService = false;
        Pattern name = Pattern.compile("^\\| `([a-z_]+)`");
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("## ")) {
                everyService = line.contains("every service");
            }
            Matcher m = name.matcher(line);
            if (m.find() && line.contains("**required**")) {
                required.put(m.group(1), everyService);
            }
        }
        return required;
    }

    /** A metric is exposed when a sample of it (or of its histogram/timer series) is in the scrape. */
    private static boolean exposes(String scrape, String metric) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            for (String series : List.of(metric, metric + "_count", metric + "_bucket", metric + "_total")) {
                if (line.startsWith(series + "{") || line.startsWith(series + " ")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode parse(ServiceSpec spec, String line) {
        try {
            return JSON.readTree(line);
        } catch (RuntimeException e) {
            throw new AssertionError(spec.name() + " wrote a line that is not JSON: " + line, e);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        return Files.exists(dir.resolve("../docs")) ? dir.getParent() : dir;
    }
}
