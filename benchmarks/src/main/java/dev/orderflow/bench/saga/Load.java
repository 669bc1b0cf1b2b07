package dev.orderflow.bench.saga;

import dev.orderflow.localstack.ServiceSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generator: places orders of the SPEC mix either at their due times whatever the platform's answer time (the open
 * model of steady, spike and max; intake latency from the due time, so queueing cannot hide), or from a fixed number
 * of clients that each place their next order as soon as the previous one is answered (the closed model of a burst).
 */
final class Load {

    private static final Logger log = LoggerFactory.getLogger(Load.class);

    private final SagaBenchmark bench;
    private final Catalog catalog;

    Load(SagaBenchmark bench, Catalog catalog) {
        this.bench = bench;
        this.catalog = catalog;
    }

    /** Sends every order at its due time from virtual threads; returns once all have been answered. */
    void drive(Schedule schedule, List<PlacedOrder> orders, long startNanos, long startMillis) {
        long[] due = schedule.dueNanos();
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
                senders.execute(() -> place(order, dueAt));
                if (i % progressEvery == 0) {
                    Schedule.Phase phase = schedule.phaseAt(due[i]);
                    log.info("{} {}/{} orders due, {} orders/s now", phase.name(), i, due.length, phase.rate());
                }
            }
        }
    }

    /**
     * {@code count} orders from {@code clients} closed-loop clients, as fast as the platform answers: each client
     * sends, waits for the answer, sends the next. Intake latency is then the answer time from the send.
     */
    void burst(int count, int clients, List<PlacedOrder> orders) {
        AtomicInteger next = new AtomicInteger();
        long progressEvery = Math.max(1, count / 20);
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                senders.execute(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        PlacedOrder order = new PlacedOrder(i, PlacedOrder.Kind.of(i), System.currentTimeMillis());
                        synchronized (orders) {
                            orders.add(order);
                        }
                        place(order, System.nanoTime());
                        if (i % progressEvery == 0) {
                            log.info("burst {}/{} orders placed", i, count);
                        }
                    }
                });
            }
        }
        synchronized (orders) {
            orders.sort(java.util.Comparator.comparingLong(o -> o.index));
        }
    }

    private void place(PlacedOrder order, long dueNanos) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(bench.url(ServiceSpec.ORDER) + "/api/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                // The shop backend's token, as a real storefront places orders (renewed before it expires).
                .header("Authorization", "Bearer " + bench.tokens().forPath("/api/orders"))
                .POST(HttpRequest.BodyPublishers.ofString(catalog.orderBody(order)))
                .build();
        try {
            HttpResponse<String> response = bench.http().send(request, HttpResponse.BodyHandlers.ofString());
            order.intakeMicros = (System.nanoTime() - dueNanos) / 1000;
            order.status = response.statusCode();
            if (response.statusCode() == 202) {
                order.orderId =
                        SagaBenchmark.JSON.readTree(response.body()).get("id").asString();
            }
        } catch (IOException | RuntimeException e) {
            order.intakeMicros = (System.nanoTime() - dueNanos) / 1000;
            order.status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
