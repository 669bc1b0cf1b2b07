package dev.orderflow.bench.saga;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the run's processes used between two {@link ProcessStats.Sample samples}, and per order finished in that window:
 * the "CPU per completed order", summed over every process of the run. The box's own busy time over the same
 * window shows what else ran (the other processes are {@code box - run}).
 */
record CpuUsage(
        double windowSeconds,
        Map<String, Double> cpuSeconds,
        double runCpuSeconds,
        double boxCpuSeconds,
        long completedOrders,
        long terminalOrders) {

    static CpuUsage between(ProcessStats.Sample from, ProcessStats.Sample to, long completed, long terminal) {
        Map<String, Double> used = new LinkedHashMap<>();
        to.seconds()
                .forEach((name, seconds) ->
                        used.put(name, seconds - from.seconds().getOrDefault(name, seconds)));
        return new CpuUsage(
                (to.nanos() - from.nanos()) / 1e9,
                used,
                used.values().stream().mapToDouble(Double::doubleValue).sum(),
                to.boxBusySeconds() - from.boxBusySeconds(),
                completed,
                terminal);
    }

    /** Cores busy with the C2 compiler in each JVM between two samples, and in all of them ("all"). */
    static Map<String, Double> c2Cores(ProcessStats.Sample from, ProcessStats.Sample to) {
        double seconds = Math.max(1e-3, (to.nanos() - from.nanos()) / 1e9);
        Map<String, Double> cores = new LinkedHashMap<>();
        double all = 0;
        for (Map.Entry<String, Double> e : to.c2Seconds().entrySet()) {
            double used = Math.max(0, e.getValue() - from.c2Seconds().getOrDefault(e.getKey(), 0.0));
            all += used;
            cores.put(e.getKey(), round(used / seconds, 1000));
        }
        cores.put("all", round(all / seconds, 1000));
        return cores;
    }

    double runCores() {
        return runCpuSeconds / windowSeconds;
    }

    double boxCores() {
        return boxCpuSeconds / windowSeconds;
    }

    /** Milliseconds of CPU, all processes of the run, per order that COMPLETED in the window; NaN without one. */
    double msPerCompletedOrder() {
        return completedOrders == 0 ? Double.NaN : runCpuSeconds * 1000 / completedOrders;
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("windowSeconds", round(windowSeconds, 10));
        map.put("completedOrders", completedOrders);
        map.put("terminalOrders", terminalOrders);
        map.put("cpuMsPerCompletedOrder", round(msPerCompletedOrder(), 10));
        map.put(
                "cpuMsPerTerminalOrder",
                terminalOrders == 0 ? Double.NaN : round(runCpuSeconds * 1000 / terminalOrders, 10));
        map.put("runCpuSeconds", round(runCpuSeconds, 100));
        map.put("runCores", round(runCores(), 100));
        map.put("boxCores", round(boxCores(), 100));
        map.put("otherCores", round(boxCores() - runCores(), 100));
        Map<String, Object> cores = new LinkedHashMap<>();
        cpuSeconds.forEach((name, seconds) -> cores.put(name, round(seconds / windowSeconds, 1000)));
        map.put("coresByProcess", cores);
        return map;
    }

    static double round(double value, double scale) {
        return Double.isFinite(value) ? Math.round(value * scale) / scale : value;
    }
}
