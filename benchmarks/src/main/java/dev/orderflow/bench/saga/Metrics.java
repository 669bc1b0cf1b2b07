package dev.orderflow.bench.saga;

/** Reads a Prometheus text exposition: the sum of a metric's samples. */
final class Metrics {

    private Metrics() {}

    static double sum(String exposition, String metric) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                try {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                } catch (NumberFormatException e) {
                    // NaN or a malformed sample: not part of the sum.
                }
            }
        }
        return sum;
    }
}
