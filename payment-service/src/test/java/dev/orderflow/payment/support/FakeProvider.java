package dev.orderflow.payment.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test double of the payment provider that implements its HTTP contract (docs/saga.md) on the JDK's HTTP server, in
 * memory: charges de-duplicated by {@code Idempotency-Key}, customers whose id starts with {@code decline} declined,
 * idempotent refunds, the listing, and {@code /provider/settings} ({@code latencyMs}, {@code errorRate}: errors answer
 * 503 before doing anything). Tests also hold a charge in flight, and count what reached it per key.
 */
public final class FakeProvider implements AutoCloseable {

    /** A charge as the provider keeps it. */
    public record Charge(
            UUID paymentId,
            UUID orderId,
            String customerId,
            BigDecimal amount,
            String currency,
            String status,
            @Nullable String reason,
            BigDecimal refundedAmount) {}

    /** The run-time behaviour settings of the sandbox partners. */
    public record Settings(long latencyMs, double errorRate) {}

    /** A charge held in flight: the provider has recorded it, its answer waits for {@link #release()}. */
    public static final class Hold {

        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        public boolean hasArrived() {
            return arrived.getCount() == 0;
        }

        public void release() {
            released.countDown();
        }
    }

    private record ChargeRequest(UUID paymentId, UUID orderId, String customerId, BigDecimal amount, String currency) {}

    private record RefundRequest(BigDecimal amount) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern REFUND = Pattern.compile("/provider/charges/([0-9a-fA-F-]{36})/refund");

    private final HttpServer server;
    private final Map<UUID, Charge> charges = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> chargeRequests = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> refundRequests = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> unavailableAnswers = new ConcurrentHashMap<>();
    private final Map<UUID, Hold> holds = new ConcurrentHashMap<>();
    private final AtomicReference<Settings> settings = new AtomicReference<>(new Settings(0, 0.0));

    private FakeProvider(HttpServer server) {
        this.server = server;
    }

    public static FakeProvider start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeProvider provider = new FakeProvider(server);
            server.createContext("/provider/", provider::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void settings(Settings newSettings) {
        settings.set(newSettings);
    }

    public void unavailable() {
        settings(new Settings(0, 1.0));
    }

    public void available() {
        settings(new Settings(0, 0.0));
    }

    /** Holds the answer to the next charge of this order until the test releases it. */
    public Hold holdChargeOf(UUID orderId) {
        Hold hold = new Hold();
        holds.put(orderId, hold);
        return hold;
    }

    public List<Charge> chargesOf(UUID orderId) {
        return charges.values().stream()
                .filter(c -> c.orderId().equals(orderId))
                .toList();
    }

    /** Charge requests that reached the provider with this idempotency key (503 answers not counted). */
    public int chargeRequests(UUID paymentId) {
        return count(chargeRequests, paymentId.toString());
    }

    public int refundRequests(UUID paymentId) {
        return count(refundRequests, paymentId.toString());
    }

    /** 503 answers to requests with this key: a charge's idempotency key, or the payment id of a refund. */
    public int unavailableAnswers(UUID key) {
        return count(unavailableAnswers, key.toString());
    }

    public void reset() {
        available();
        holds.values().forEach(Hold::release);
        holds.clear();
    }

    @Override
    public void close() {
        reset();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/provider/settings")) {
                if (method.equals("PUT")) {
                    settings.set(JSON.readValue(exchange.getRequestBody(), Settings.class));
                }
                answer(exchange, 200, settings.get());
                return;
            }
            Matcher refund = REFUND.matcher(path);
            String key = method.equals("POST") && path.equals("/provider/charges")
                    ? exchange.getRequestHeaders().getFirst("Idempotency-Key")
                    : refund.matches() ? refund.group(1) : null;
            Settings current = settings.get();
            pause(Duration.ofMillis(current.latencyMs()));
            if (current.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < current.errorRate()) {
                if (key != null) {
                    unavailableAnswers
                            .computeIfAbsent(key, k -> new AtomicInteger())
                            .incrementAndGet();
                }
                answer(exchange, 503, Map.of("title", "Service Unavailable"));
                return;
            }
            if (method.equals("POST") && path.equals("/provider/charges")) {
                charge(exchange, key);
            } else if (method.equals("POST") && refund.matches()) {
                refund(exchange, UUID.fromString(refund.group(1)));
            } else if (method.equals("GET") && path.equals("/provider/charges")) {
                String query =
                        Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
                UUID orderId = UUID.fromString(query.replaceFirst("^orderId=", ""));
                answer(exchange, 200, chargesOf(orderId));
            } else {
                answer(exchange, 404, Map.of("title", "Not Found"));
            }
        }
    }

    private void charge(HttpExchange exchange, @Nullable String key) throws IOException {
        ChargeRequest request = JSON.readValue(exchange.getRequestBody(), ChargeRequest.class);
        if (key == null || !key.equals(String.valueOf(request.paymentId()))) {
            answer(exchange, 400, Map.of("title", "Idempotency-Key must be the paymentId"));
            return;
        }
        chargeRequests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        Charge charge = charges.computeIfAbsent(request.paymentId(), id -> {
            boolean declined = request.customerId().startsWith("decline");
            return new Charge(
                    id,
                    request.orderId(),
                    request.customerId(),
                    request.amount(),
                    request.currency(),
                    declined ? "DECLINED" : "AUTHORIZED",
                    declined ? "CARD_DECLINED" : null,
                    BigDecimal.ZERO);
        });
        Hold hold = holds.remove(request.orderId());
        if (hold != null) {
            hold.arrived.countDown();
            await(hold.released);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("paymentId", charge.paymentId());
        body.put("status", charge.status());
        body.put("reason", charge.reason());
        answer(exchange, 200, body);
    }

    private void refund(HttpExchange exchange, UUID paymentId) throws IOException {
        RefundRequest request = JSON.readValue(exchange.getRequestBody(), RefundRequest.class);
        refundRequests
                .computeIfAbsent(paymentId.toString(), k -> new AtomicInteger())
                .incrementAndGet();
        Charge charge = charges.computeIfPresent(
                paymentId,
                (id, c) -> c.status().equals("AUTHORIZED")
                        ? new Charge(
                                id,
                                c.orderId(),
                                c.customerId(),
                                c.amount(),
                                c.currency(),
                                "REFUNDED",
                                null,
                                request.amount())
                        : c);
        if (charge == null) {
            answer(exchange, 404, Map.of("title", "Unknown payment"));
        } else if (!charge.status().equals("REFUNDED")) {
            answer(exchange, 409, Map.of("title", "Payment is " + charge.status()));
        } else {
            answer(
                    exchange,
                    200,
                    Map.of("paymentId", paymentId, "status", "REFUNDED", "refundedAmount", charge.refundedAmount()));
        }
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static int count(Map<String, AtomicInteger> counts, String key) {
        AtomicInteger count = counts.get(key);
        return count == null ? 0 : count.get();
    }

    private static void pause(Duration latency) {
        if (!latency.isZero()) {
            await(new CountDownLatch(1), latency);
        }
    }

    private static void await(CountDownLatch latch) {
        await(latch, Duration.ofSeconds(60));
    }

    private static void await(CountDownLatch latch, Duration atMost) {
        try {
            latch.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every charge this provider holds (for diagnostics in failing tests). */
    @Override
    public String toString() {
        return "FakeProvider" + new ArrayList<>(charges.values());
    }
}
