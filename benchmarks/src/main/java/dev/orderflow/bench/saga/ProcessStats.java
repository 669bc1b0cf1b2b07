package dev.orderflow.bench.saga;

import dev.orderflow.bench.ProcStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU and memory of the run's processes, from Linux's /proc: each JVM of the platform, the benchmark JVM (broker and
 * generator), the run's own PostgreSQL (its postmaster, its live backends and the backends that have ended), and the
 * whole box from /proc/stat, so a sample says what the run cost and what else ran beside it.
 */
final class ProcessStats {

    static final String BENCHMARK_JVM = "benchmark-jvm (Kafka broker, generator)";
    static final String POSTGRES = "postgres";
    private static final Path PROC = ProcStat.PROC;
    /** USER_HZ: /proc reports times in ticks of 1/100 s on Linux. */
    private static final double TICKS_PER_SECOND = 100;

    private final Supplier<Map<String, Long>> jvms;
    private final long postmaster;

    /**
     * @param jvms the run's JVMs by name (read at every sample: a restarted service has a new pid)
     * @param postmaster the run's PostgreSQL server process
     */
    ProcessStats(Supplier<Map<String, Long>> jvms, long postmaster) {
        this.jvms = jvms;
        this.postmaster = postmaster;
    }

    /** CPU seconds used so far: per process of the run, the box's busy time, and each JVM's C2 compiler threads. */
    record Sample(
            long epochMillis,
            long nanos,
            Map<String, Double> seconds,
            double boxBusySeconds,
            Map<String, Double> c2Seconds) {

        double runSeconds() {
            return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    Sample sample() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Double> c2 = new LinkedHashMap<>();
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put(BENCHMARK_JVM, ProcessHandle.current().pid());
        pids.putAll(jvms.get());
        pids.forEach((name, pid) -> {
            long[] stat = ProcStat.stat(PROC.resolve(Long.toString(pid)));
            seconds.put(name, stat.length == 0 ? 0 : (stat[1] + stat[2]) / TICKS_PER_SECOND);
            c2.put(name, compilerThreadSeconds(pid, "C2 CompilerThre"));
        });
        seconds.put(POSTGRES, ProcStat.postgresTicks(postmaster) / TICKS_PER_SECOND);
        return new Sample(
                System.currentTimeMillis(), System.nanoTime(), seconds, boxBusyTicks() / TICKS_PER_SECOND, c2);
    }

    /** Busy ticks of the whole box: user, nice, system, irq, softirq and steal (idle and iowait are not busy). */
    private static long boxBusyTicks() {
        try {
            long[] ticks = ProcStat.boxTicks();
            return Arrays.stream(ticks).sum() - ticks[3] - ticks[4];
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU seconds of a JVM's threads whose (15-character) native name starts with {@code prefix}. */
    private static double compilerThreadSeconds(long pid, String prefix) {
        long ticks = 0;
        try (Stream<Path> tasks = Files.list(PROC.resolve(pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).startsWith(prefix)) {
                        long[] stat = ProcStat.stat(task);
                        ticks += stat.length == 0 ? 0 : stat[1] + stat[2];
                    }
                } catch (IOException e) {
                    // The thread ended meanwhile.
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** Resident memory (VmRSS) of every JVM of the run, in MB. */
    Map<String, Long> residentMemory() {
        Map<String, Long> rss = new LinkedHashMap<>();
        rss.put(
                "benchmark-jvm (Kafka, PostgreSQL client side, generator)",
                rssOf(ProcessHandle.current().pid()));
        jvms.get().forEach((name, pid) -> rss.put(name, rssOf(pid)));
        return rss;
    }

    private static long rssOf(long pid) {
        try {
            for (String line : Files.readAllLines(PROC.resolve(pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    static String loadAverage() {
        try {
            return Files.readString(PROC.resolve("loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
