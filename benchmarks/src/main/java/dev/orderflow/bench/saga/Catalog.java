package dev.orderflow.bench.saga;

import dev.orderflow.localstack.ServiceSpec;
import java.util.List;

/** The products a run orders: plenty of stock for most orders, one product with none for the out-of-stock share. */
record Catalog(List<String> plenty, String empty, long stockEach) {

    static final String PRICE = "12.50";

    static Catalog seed(SagaBenchmark bench) {
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        List<String> plenty = List.of("BENCH-" + run + "-A", "BENCH-" + run + "-B", "BENCH-" + run + "-C");
        String empty = "BENCH-" + run + "-EMPTY";
        long stock = 1_000_000;
        for (String sku : plenty) {
            product(bench, sku);
            int status = bench.send(
                    ServiceSpec.INVENTORY, "POST", "/api/products/" + sku + "/stock", "{\"quantity\":" + stock + "}");
            if (status / 100 != 2) {
                throw new IllegalStateException("Could not stock " + sku + ": " + status);
            }
        }
        product(bench, empty);
        return new Catalog(plenty, empty, stock);
    }

    private static void product(SagaBenchmark bench, String sku) {
        int status = bench.send(
                ServiceSpec.INVENTORY,
                "PUT",
                "/api/products/" + sku,
                "{\"name\":\"Benchmark " + sku + "\",\"price\":\"" + PRICE + "\",\"currency\":\"EUR\"}");
        if (status / 100 != 2) {
            throw new IllegalStateException("Could not create " + sku + ": " + status);
        }
    }

    List<String> skus() {
        return java.util.stream.Stream.concat(plenty.stream(), java.util.stream.Stream.of(empty))
                .toList();
    }

    String orderBody(PlacedOrder order) {
        String customer = switch (order.kind) {
            case DECLINED -> "decline-bench-" + order.index;
            default -> "bench-" + order.index;
        };
        String country = order.kind == PlacedOrder.Kind.UNDELIVERABLE ? "XX" : "DE";
        String sku =
                order.kind == PlacedOrder.Kind.OUT_OF_STOCK ? empty : plenty.get((int) (order.index % plenty.size()));
        return """
                {"customerId":"%s","customerEmail":"%s@example.com","items":[{"sku":"%s","quantity":1}],
                 "shippingAddress":{"name":"Ana","line1":"Main St 1","city":"Berlin","postalCode":"10115","country":"%s"}}
                """.formatted(customer, customer, sku, country);
    }
}
