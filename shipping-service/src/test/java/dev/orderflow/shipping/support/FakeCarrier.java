package dev.orderflow.shipping.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test double of the carrier that implements its HTTP contract (docs/saga.md) on the JDK's HTTP server, in memory:
 * bookings de-duplicated by order ({@code Idempotency-Key}), country {@code XX} failed, idempotent cancellations, and a
 * switch that answers 503 to everything. Tests also hold a booking in flight and count the calls per order.
 */
public final class FakeCarrier implements AutoCloseable {

    /** A booking held in flight: the carrier has recorded it, its answer waits for {@link #release()}. */
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

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CANCEL = Pattern.compile("/carrier/shipments/([0-9a-fA-F-]{36})/cancel");

    private final HttpServer server;
    private final Map<UUID, String> bookings = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> bookingRequests = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> cancelRequests = new ConcurrentHashMap<>();
    private final Map<UUID, Hold> holds = new ConcurrentHashMap<>();
    private final AtomicBoolean unavailable = new AtomicBoolean();

    private FakeCarrier(HttpServer server) {
        this.server = server;
    }

    public static FakeCarrier start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeCarrier carrier = new FakeCarrier(server);
            server.createContext("/carrier/", carrier::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return carrier;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on every call answers 503 before doing anything. */
    public void unavailable() {
        unavailable.set(true);
    }

    public void available() {
        unavailable.set(false);
    }

    /** Holds the answer to the next booking of this order until the test releases it. */
    public Hold holdBookingOf(UUID orderId) {
        Hold hold = new Hold();
        holds.put(orderId, hold);
        return hold;
    }

    /** The order's booking status at the carrier: BOOKED, FAILED, CANCELLED, or null if it has none. */
    public String statusOf(UUID orderId) {
        return bookings.get(orderId);
    }

    /** Booking requests that reached the carrier for this order (503 answers not counted). */
    public int bookingRequests(UUID orderId) {
        return bookingRequests.getOrDefault(orderId, new AtomicInteger()).get();
    }

    public int cancelRequests(UUID orderId) {
        return cancelRequests.getOrDefault(orderId, new AtomicInteger()).get();
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
            if (unavailable.get()) {
                answer(exchange, 503, Map.of("title", "Service Unavailable"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Matcher cancel = CANCEL.matcher(path);
            if (exchange.getRequestMethod().equals("POST") && path.equals("/carrier/shipments")) {
                book(exchange);
            } else if (exchange.getRequestMethod().equals("POST") && cancel.matches()) {
                cancel(exchange, UUID.fromString(cancel.group(1)));
            } else {
                answer(exchange, 404, Map.of("title", "Not Found"));
            }
        }
    }

    private void book(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        UUID orderId = UUID.fromString(request.get("orderId").asString());
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (!orderId.toString().equals(key)) {
            answer(exchange, 400, Map.of("title", "Idempotency-Key must be the orderId"));
            return;
        }
        bookingRequests.computeIfAbsent(orderId, id -> new AtomicInteger()).incrementAndGet();
        String status = bookings.computeIfAbsent(
                orderId, id -> "XX".equals(request.get("country").asString()) ? "FAILED" : "BOOKED");
        Hold hold = holds.remove(orderId);
        if (hold != null) {
            hold.arrived.countDown();
            await(hold.released);
        }
        answer(
                exchange,
                200,
                status.equals("FAILED")
                        ? Map.of("orderId", orderId, "status", "FAILED", "reason", "UNDELIVERABLE_COUNTRY")
                        : Map.of(
                                "orderId",
                                orderId,
                                "status",
                                "BOOKED",
                                "carrier",
                                "Sandbox Parcel",
                                "trackingNumber",
                                "TRK-" + orderId.toString().substring(0, 8)));
    }

    private void cancel(HttpExchange exchange, UUID orderId) throws IOException {
        cancelRequests.computeIfAbsent(orderId, id -> new AtomicInteger()).incrementAndGet();
        if (bookings.computeIfPresent(orderId, (id, status) -> "CANCELLED") == null) {
            answer(exchange, 404, Map.of("title", "No shipment for order " + orderId));
            return;
        }
        answer(exchange, 200, Map.of("orderId", orderId, "status", "CANCELLED"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
