package dev.orderflow.bench.saga;

import dev.orderflow.localstack.ServiceSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/**
 * Correctness of the run (SPEC §5), checked after it: every accepted order is terminal with the outcome its kind
 * calls for, charged exactly its total when completed and nothing net otherwise, and the stock balances with nothing
 * left reserved. A fast run that broke any of these is a failed run.
 */
record Verification(long accepted, long refused, long notTerminal, List<String> violations) {

    /**
     * Passed when nothing accepted was lost or broke an invariant. Refusals (429 under overload, time-outs) are
     * reported, not failures: a refused order was never accepted, and its client was told to retry.
     */
    boolean passed() {
        return notTerminal == 0 && violations.isEmpty();
    }

    static Verification of(SagaBenchmark bench, List<PlacedOrder> orders, Catalog catalog) {
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        long accepted = orders.stream().filter(PlacedOrder::accepted).count();
        long refused = orders.size() - accepted;
        long open = orders.stream().filter(o -> o.accepted() && !o.terminal()).count();
        if (open > 0) {
            violations.add(open + " accepted orders are not terminal");
        }
        // Compensations (refunds) may still be landing for the last cancelled orders: failing orders are checked
        // again, at most 30 times a second apart.
        List<PlacedOrder> toCheck =
                orders.stream().filter(o -> o.accepted() && o.terminal()).toList();
        ConcurrentLinkedQueue<PlacedOrder> failing = new ConcurrentLinkedQueue<>();
        for (int round = 0; round < 30 && !toCheck.isEmpty(); round++) {
            failing.clear();
            ConcurrentLinkedQueue<String> found = new ConcurrentLinkedQueue<>();
            try (ExecutorService checks = Executors.newFixedThreadPool(8)) {
                for (PlacedOrder order : toCheck) {
                    checks.execute(() -> {
                        int before = found.size();
                        check(bench, order, found);
                        if (found.size() > before) {
                            failing.add(order);
                        }
                    });
                }
            }
            toCheck = List.copyOf(failing);
            if (toCheck.isEmpty() || round == 29) {
                violations.addAll(found);
                break;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                violations.addAll(found);
                break;
            }
        }
        for (String sku : catalog.skus()) {
            JsonNode product = bench.get(ServiceSpec.INVENTORY, "/api/products/" + sku);
            long stocked = product.path("stocked").asLong();
            long available = product.path("available").asLong();
            long reserved = product.path("reserved").asLong();
            long sold = product.path("sold").asLong();
            if (available + reserved + sold != stocked || reserved != 0 || available < 0) {
                violations.add(sku + ": stocked " + stocked + " ≠ available " + available + " + reserved " + reserved
                        + " + sold " + sold);
            }
        }
        List<String> list = new ArrayList<>(violations);
        return new Verification(accepted, refused, open, list.subList(0, Math.min(list.size(), 50)));
    }

    private static void check(SagaBenchmark bench, PlacedOrder order, ConcurrentLinkedQueue<String> violations) {
        if (!order.kind.expected.equals(order.outcome)) {
            violations.add(order.orderId + ": " + order.kind + " ended " + order.outcome);
        }
        BigDecimal net = BigDecimal.ZERO;
        for (JsonNode payment : bench.get(ServiceSpec.PAYMENT, "/api/payments?orderId=" + order.orderId)) {
            String status = payment.path("status").asString("");
            if (status.equals("AUTHORIZED") || status.equals("REFUNDED")) {
                net = net.add(SagaBenchmark.money(payment.get("amount")));
            }
            net = net.subtract(SagaBenchmark.money(payment.get("refundedAmount")));
        }
        BigDecimal expected = "COMPLETED".equals(order.outcome) ? new BigDecimal(Catalog.PRICE) : BigDecimal.ZERO;
        if (net.compareTo(expected) != 0) {
            violations.add(order.orderId + ": charged " + net + ", expected " + expected);
        }
    }
}
