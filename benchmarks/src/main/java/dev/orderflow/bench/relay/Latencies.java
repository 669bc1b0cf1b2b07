package dev.orderflow.bench.relay;

import java.util.Arrays;

/**
 * Exact percentiles of a run's latencies, in microseconds. A run has at most a few hundred thousand samples, so sorting
 * them is cheaper than a histogram dependency and has no bucket error.
 */
public record Latencies(int count, long p50, long p95, long p99, long p999, long max) {

    public static Latencies of(long[] micros) {
        if (micros.length == 0) {
            return new Latencies(0, 0, 0, 0, 0, 0);
        }
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        return new Latencies(
                sorted.length,
                at(sorted, 0.50),
                at(sorted, 0.95),
                at(sorted, 0.99),
                at(sorted, 0.999),
                sorted[sorted.length - 1]);
    }

    /** Nearest-rank percentile: the smallest sample that at least {@code quantile} of the samples do not exceed. */
    private static long at(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
