package dev.orderflow.notification;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook endpoint on the JDK's HTTP server: records what it receives and answers with a switchable status, or
 * redirects to another path of its own, which records what reaches it apart.
 */
final class TestWebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse("");
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Received> redirected = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);

    private static final String REDIRECT_TARGET = "/elsewhere";

    private TestWebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static TestWebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TestWebhookReceiver receiver = new TestWebhookReceiver(server);
            server.createContext("/hooks/orders", receiver::handle);
            server.createContext(REDIRECT_TARGET, receiver::handleRedirected);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/orders");
    }

    /**
     * Answers every further request with {@code code} (e.g. 503 for an outage); a 3xx points to a path of this server
     * that records apart ({@link #redirected()}).
     */
    void answer(int code) {
        status.set(code);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** What arrived at the target of a redirect. */
    List<Received> redirected() {
        return List.copyOf(redirected);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int code = status.get();
            if (code < 300) {
                received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
            } else if (code < 400) {
                exchange.getResponseHeaders()
                        .add("Location", url().resolve(REDIRECT_TARGET).toString());
            }
            exchange.sendResponseHeaders(code, -1);
        }
    }

    private void handleRedirected(HttpExchange exchange) throws IOException {
        try (exchange) {
            redirected.add(new Received(
                    Map.copyOf(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
