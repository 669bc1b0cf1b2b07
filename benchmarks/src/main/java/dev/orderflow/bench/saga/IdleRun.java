package dev.orderflow.bench.saga;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idle mode: the platform started and seeded, left to settle (start-up compilation, consumer group joins), then
 * the cores each of its processes uses with no load at all, over {@code bench.idle-duration}. Nothing scrapes or polls
 * the services meanwhile; what they use is their own housekeeping (schedulers, relays, consumers, metrics).
 */
final class IdleRun {

    private static final Logger log = LoggerFactory.getLogger(IdleRun.class);
    private static final Duration SETTLE_STEP = Duration.ofSeconds(10);
    private static final Duration SETTLE_MIN = Duration.ofSeconds(30);
    private static final Duration SETTLE_MAX = Duration.ofMinutes(3);
    /** Settled: two consecutive 10 s windows within this many cores of each other. */
    private static final double STABLE_CORES = 0.02;

    private final SagaBenchmark.RunContext run;

    IdleRun(SagaBenchmark.RunContext run) {
        this.run = run;
    }

    int run(Catalog catalog) throws InterruptedException, IOException {
        Profiler profiler = run.profiler();
        if (profiler != null) {
            profiler.startWarmup(run.bench().jvms());
        }
        Map<String, Object> idle = new LinkedHashMap<>();
        idle.put("settleSeconds", settle());
        if (profiler != null) {
            profiler.startMeasured(run.bench().jvms());
        }
        Instant start = Instant.now();
        log.info("Measuring the idle platform for {}", run.settings().idleDuration());
        ProcessStats.Sample from = run.stats().sample();
        TimeUnit.MILLISECONDS.sleep(run.settings().idleDuration().toMillis());
        ProcessStats.Sample to = run.stats().sample();
        if (profiler != null) {
            profiler.stopMeasured(run.bench().jvms());
        }
        CpuUsage usage = CpuUsage.between(from, to, 0, 0);
        double withoutBenchmark = usage.runCores()
                - usage.cpuSeconds().getOrDefault(ProcessStats.BENCHMARK_JVM, 0.0) / usage.windowSeconds();
        idle.put("measuredSeconds", CpuUsage.round(usage.windowSeconds(), 10));
        idle.put("runCores", CpuUsage.round(usage.runCores(), 1000));
        idle.put("coresWithoutBenchmarkJvm", CpuUsage.round(withoutBenchmark, 1000));
        idle.put("boxCores", CpuUsage.round(usage.boxCores(), 1000));
        idle.put("coresByProcess", usage.toMap().get("coresByProcess"));
        run.summary().put("idle", idle);
        run.summary().put("residentMemoryMb", run.stats().residentMemory());

        List<List<String>> rows = new ArrayList<>();
        usage.cpuSeconds()
                .forEach((name, seconds) -> rows.add(List.of(
                        name,
                        String.format(Locale.ROOT, "%.3f", seconds / usage.windowSeconds()),
                        String.format(Locale.ROOT, "%.2f", seconds))));
        rows.add(List.of(
                "all (java and postgres)",
                String.format(Locale.ROOT, "%.3f", usage.runCores()),
                String.format(Locale.ROOT, "%.2f", usage.runCpuSeconds())));
        rows.add(List.of("all but the benchmark JVM", String.format(Locale.ROOT, "%.3f", withoutBenchmark), ""));
        rows.add(List.of(
                "box (every process on the machine)",
                String.format(Locale.ROOT, "%.3f", usage.boxCores()),
                String.format(Locale.ROOT, "%.2f", usage.boxCpuSeconds())));
        List<Table> tables = new ArrayList<>();
        tables.add(new Table(
                "Idle platform over %.0f s, after %s s of settling (from /proc)"
                        .formatted(usage.windowSeconds(), idle.get("settleSeconds")),
                List.of("process", "cores", "CPU seconds"),
                rows));
        if (profiler != null) {
            tables.addAll(ProfileReport.analyse(run, start));
        }
        Verification verification = Verification.of(run.bench(), List.of(), catalog);
        Report.writeIdle(run.out(), run.summary(), verification, tables);
        tables.forEach(t -> log.info("\n{}", t.markdown()));
        log.info(
                "Idle: {} cores in all ({} without the benchmark JVM), box {} cores. Report: {}",
                idle.get("runCores"),
                idle.get("coresWithoutBenchmarkJvm"),
                idle.get("boxCores"),
                run.out().resolve("summary.html"));
        return verification.passed() ? 0 : 1;
    }

    /** Waits, at least 30 s and at most 3 min, until the platform's CPU use stops changing; how long it waited. */
    private long settle() throws InterruptedException {
        long start = System.nanoTime();
        ProcessStats.Sample previous = run.stats().sample();
        double previousCores = Double.NaN;
        while (true) {
            TimeUnit.MILLISECONDS.sleep(SETTLE_STEP.toMillis());
            ProcessStats.Sample now = run.stats().sample();
            double cores = CpuUsage.between(previous, now, 0, 0).runCores();
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            log.info("Settling: {} cores over the last {} s", String.format(Locale.ROOT, "%.3f", cores), 10);
            if ((waited.compareTo(SETTLE_MIN) >= 0 && Math.abs(cores - previousCores) < STABLE_CORES)
                    || waited.compareTo(SETTLE_MAX) >= 0) {
                return waited.toSeconds();
            }
            previous = now;
            previousCores = cores;
        }
    }
}
