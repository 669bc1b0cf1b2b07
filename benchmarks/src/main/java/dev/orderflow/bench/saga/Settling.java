package dev.orderflow.bench.saga;

import dev.orderflow.localstack.ServiceSpec;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Waiting until the platform has finished the accepted orders, and reading their outcomes and platform timestamps.
 * While waiting it watches order-service's own completed and cancelled counters, one scrape a second, rather than
 * asking for every open order every second: the measured window then ends when the work does, and the benchmark's
 * polling does not load the platform it measures. Against a platform without those counters it reads the open orders.
 */
final class Settling {

    private static final Logger log = LoggerFactory.getLogger(Settling.class);
    private static final String COMPLETED = "orderflow_orders_completed_total";
    private static final String CANCELLED = "orderflow_orders_cancelled_total";

    private final SagaBenchmark bench;

    Settling(SagaBenchmark bench) {
        this.bench = bench;
    }

    /**
     * Orders order-service has finished so far (completed plus cancelled); NaN when it has no such counters,
     * negative infinity when it did not answer.
     */
    double finishedOrders() {
        try {
            String metrics = bench.scrape(ServiceSpec.ORDER, COMPLETED, CANCELLED);
            if (!metrics.contains(COMPLETED)) {
                return Double.NaN;
            }
            return Metrics.sum(metrics, COMPLETED) + Metrics.sum(metrics, CANCELLED);
        } catch (RuntimeException e) {
            return Double.NEGATIVE_INFINITY;
        }
    }

    /**
     * Waits until as many orders have finished since {@code finishedBefore} as were accepted, or the deadline passes;
     * returns whether they had.
     */
    boolean awaitFinished(List<PlacedOrder> orders, double finishedBefore, long deadlineNanos)
            throws InterruptedException {
        for (int round = 0; System.nanoTime() < deadlineNanos; round++) {
            long accepted;
            synchronized (orders) {
                accepted = orders.stream().filter(PlacedOrder::accepted).count();
            }
            double finished = finishedOrders();
            if (Double.isNaN(finished) || Double.isNaN(finishedBefore)) {
                if (readOpen(orders) == 0) {
                    return true;
                }
            } else if (finished - finishedBefore >= accepted) {
                return true;
            } else if (round % 5 == 0 && Double.isFinite(finished)) {
                log.info(
                        "Waiting for {} orders to finish",
                        Math.max(0, Math.round(accepted - finished + finishedBefore)));
            }
            TimeUnit.SECONDS.sleep(1);
        }
        return false;
    }

    /** Reads every accepted order until all are terminal or the deadline passes. */
    void readTerminal(List<PlacedOrder> orders, long deadlineNanos) throws InterruptedException {
        while (readOpen(orders) > 0 && System.nanoTime() < deadlineNanos) {
            TimeUnit.SECONDS.sleep(1);
        }
    }

    /** Reads the accepted orders not yet known to be terminal; how many of them still are not. */
    private long readOpen(List<PlacedOrder> orders) {
        List<PlacedOrder> open;
        synchronized (orders) {
            open = orders.stream().filter(o -> o.accepted() && !o.terminal()).toList();
        }
        if (open.isEmpty()) {
            return 0;
        }
        try (ExecutorService readers = Executors.newFixedThreadPool(8)) {
            open.forEach(o -> readers.execute(() -> read(o)));
        }
        long left = open.stream().filter(o -> !o.terminal()).count();
        if (left > 0) {
            log.info("Waiting for {} orders to finish", left);
        }
        return left;
    }

    private void read(PlacedOrder order) {
        JsonNode view = bench.get(ServiceSpec.ORDER, "/api/orders/" + order.orderId);
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
}
