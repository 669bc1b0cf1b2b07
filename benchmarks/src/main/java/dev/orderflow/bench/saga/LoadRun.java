package dev.orderflow.bench.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load modes (steady, spike, max, burst): a warm-up that is not measured, then the measured part, from the first
 * order until the platform has finished every accepted one. Over that window it takes CPU from /proc (per phase too),
 * scrapes the services' metrics every 5 s, and with the profile option records JFR in every JVM.
 */
final class LoadRun {

    private static final Logger log = LoggerFactory.getLogger(LoadRun.class);
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(5);
    /** The start of the measured part in which C2 activity counts as "still warming up". */
    static final Duration JIT_EARLY = Duration.ofSeconds(20);
    /** Scraping every service's metrics costs each of them CPU: every 5 s, not every second. */
    private static final long TIMELINE_SECONDS = 5;

    private final SagaBenchmark.RunContext run;
    private final Settling settling;

    LoadRun(SagaBenchmark.RunContext run) {
        this.run = run;
        this.settling = new Settling(run.bench());
    }

    /** What the measured part produced. */
    private record Window(
            List<PlacedOrder> orders,
            List<Map<String, Object>> timeline,
            long startMillis,
            Duration placing,
            ProcessStats.Sample start,
            ProcessStats.Sample end,
            List<Mark> marks) {}

    /** A CPU sample at a phase's end, or ("jit") at the end of the measured part's first 20 s. */
    private record Mark(String name, ProcessStats.Sample sample) {}

    int run(Catalog catalog) throws Exception {
        Load load = new Load(run.bench(), catalog);
        warmUp(load);
        boolean burst = run.settings().mode().equals("burst");
        Schedule schedule = burst ? null : run.settings().schedule();
        Window window = measure(load, schedule);
        Verification verification = Verification.of(run.bench(), window.orders(), catalog);
        run.summary().put("loadAverageAtEnd", ProcessStats.loadAverage());
        run.summary().put("residentMemoryMb", run.stats().residentMemory());

        List<Table> tables = new ArrayList<>();
        tables.add(cpuFigures(window, schedule));
        jit(window);
        if (burst) {
            schedule = burstFigures(window);
        }
        if (run.profiler() != null) {
            tables.addAll(ProfileReport.analyse(run, Instant.ofEpochMilli(window.startMillis())));
        }
        Report.write(
                run.out(),
                run.settings(),
                schedule,
                window.orders(),
                window.timeline(),
                run.summary(),
                verification,
                tables);
        tables.forEach(t -> log.info("\n{}", t.markdown()));
        log.info("Report: {} — {}", run.out().resolve("summary.html"), verification.passed() ? "PASSED" : "FAILED");
        return verification.passed() ? 0 : 1;
    }

    /** Load at the warm-up rate, not measured, so the JIT, pools and consumer groups settle first. */
    private void warmUp(Load load) throws InterruptedException {
        Duration length = run.settings().warmup();
        Map<String, Object> figures = new LinkedHashMap<>();
        run.summary().put("warmup", figures);
        if (length.isZero() || run.settings().warmupRate() <= 0) {
            figures.put("ran", false);
            return;
        }
        log.info("Warming up: {} orders/s for {}", run.settings().warmupRate(), length);
        if (run.profiler() != null) {
            run.profiler().startWarmup(run.bench().jvms());
        }
        ProcessStats.Sample before = run.stats().sample();
        List<ProcessStats.Sample> lastPart = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService marker = Executors.newSingleThreadScheduledExecutor();
        long lastPartFrom = Math.max(0, length.minus(JIT_EARLY).toMillis());
        marker.schedule(() -> lastPart.add(run.stats().sample()), lastPartFrom, TimeUnit.MILLISECONDS);
        List<PlacedOrder> orders = new ArrayList<>();
        double finishedBefore = settling.finishedOrders();
        try {
            load.drive(
                    Schedule.steady(run.settings().warmupRate(), length),
                    orders,
                    System.nanoTime(),
                    System.currentTimeMillis());
        } finally {
            marker.shutdownNow();
        }
        ProcessStats.Sample placed = run.stats().sample();
        boolean finished = settling.awaitFinished(orders, finishedBefore, System.nanoTime() + SETTLE_LIMIT.toNanos());
        ProcessStats.Sample after = run.stats().sample();
        figures.put("ran", true);
        figures.put("duration", length.toString());
        figures.put("rate", run.settings().warmupRate());
        figures.put("orders", orders.size());
        figures.put("accepted", orders.stream().filter(PlacedOrder::accepted).count());
        figures.put("allFinished", finished);
        figures.put("secondsWithSettling", CpuUsage.round((after.nanos() - before.nanos()) / 1e9, 10));
        figures.put("c2CoresOverWarmup", CpuUsage.c2Cores(before, after).get("all"));
        if (!lastPart.isEmpty()) {
            figures.put(
                    "c2CoresInLast" + JIT_EARLY.toSeconds() + "sOfLoad",
                    CpuUsage.c2Cores(lastPart.getFirst(), placed).get("all"));
        }
        log.info("Warm-up done: {}", figures);
    }

    private Window measure(Load load, @Nullable Schedule schedule) throws InterruptedException {
        if (run.profiler() != null) {
            run.profiler().startMeasured(run.bench().jvms());
        }
        List<PlacedOrder> orders = new ArrayList<>();
        List<Map<String, Object>> timeline = Collections.synchronizedList(new ArrayList<>());
        List<Mark> marks = Collections.synchronizedList(new ArrayList<>());
        double finishedBefore = settling.finishedOrders();
        long startMillis = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        ProcessStats.Sample start = run.stats().sample();
        ScheduledExecutorService monitor = Executors.newScheduledThreadPool(2);
        monitor.scheduleAtFixedRate(
                () -> timeline.add(run.bench().sample(startMillis, orders)), 0, TIMELINE_SECONDS, TimeUnit.SECONDS);
        monitor.schedule(
                () -> marks.add(new Mark("jit", run.stats().sample())), JIT_EARLY.toMillis(), TimeUnit.MILLISECONDS);
        ProcessStats.Sample end;
        Duration placing;
        try {
            if (schedule != null) {
                long phaseEnd = 0;
                for (Schedule.Phase phase : schedule.phases()) {
                    phaseEnd += phase.length().toNanos();
                    long delay = startNanos + phaseEnd - System.nanoTime();
                    monitor.schedule(
                            () -> marks.add(new Mark(phase.name(), run.stats().sample())), delay, TimeUnit.NANOSECONDS);
                }
                load.drive(schedule, orders, startNanos, startMillis);
            } else {
                log.info(
                        "Burst: {} orders from {} clients",
                        run.settings().burstOrders(),
                        run.settings().burstClients());
                load.burst(run.settings().burstOrders(), run.settings().burstClients(), orders);
            }
            placing = Duration.ofNanos(System.nanoTime() - startNanos);
            settling.awaitFinished(orders, finishedBefore, startNanos + placing.toNanos() + SETTLE_LIMIT.toNanos());
            end = run.stats().sample();
        } finally {
            monitor.shutdownNow();
        }
        if (run.profiler() != null) {
            run.profiler().stopMeasured(run.bench().jvms());
        }
        timeline.add(run.bench().sample(startMillis, orders));
        settling.readTerminal(orders, System.nanoTime() + Duration.ofMinutes(1).toNanos());
        return new Window(orders, timeline, startMillis, placing, start, end, List.copyOf(marks));
    }

    /** CPU per completed order over the measured part and per phase, into the summary and as a table. */
    private Table cpuFigures(Window window, @Nullable Schedule schedule) {
        CpuUsage all = usage(window, window.start(), window.end());
        Map<String, Object> cpu = new LinkedHashMap<>(all.toMap());
        run.summary().put("cpuPerOrder", cpu);
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("measured part (load and settling)", Double.NaN, all));
        if (schedule != null) {
            Map<String, Object> byPhase = new LinkedHashMap<>();
            ProcessStats.Sample from = window.start();
            for (Schedule.Phase phase : schedule.phases()) {
                ProcessStats.Sample to = window.marks().stream()
                        .filter(m -> m.name().equals(phase.name()))
                        .map(Mark::sample)
                        .findFirst()
                        .orElse(null);
                if (to == null) {
                    break;
                }
                CpuUsage usage = usage(window, from, to);
                byPhase.put(phase.name(), usage.toMap());
                rows.add(row(phase.name(), phase.rate(), usage));
                from = to;
            }
            run.summary().put("cpuPerOrderByPhase", byPhase);
        }
        // Kept as before: each process's share of the machine over the measured part (1.0 = one core).
        Map<String, Object> shares = new LinkedHashMap<>(castMap(cpu.get("coresByProcess")));
        shares.put("all (cores busy)", cpu.get("runCores"));
        shares.put("box (cores busy, every process)", cpu.get("boxCores"));
        shares.put("cores", Runtime.getRuntime().availableProcessors());
        run.summary().put("cpu", shares);
        log.info(
                "CPU per completed order: {} ms ({} completed in {} s; run {} cores, box {} cores)",
                cpu.get("cpuMsPerCompletedOrder"),
                all.completedOrders(),
                cpu.get("windowSeconds"),
                cpu.get("runCores"),
                cpu.get("boxCores"));
        return new Table(
                "CPU per completed order (every process of the run, from /proc; box = every process on the machine)",
                List.of(
                        "window",
                        "placed, orders/s",
                        "completed in window",
                        "CPU ms per completed order",
                        "run, cores",
                        "box, cores",
                        "other processes, cores"),
                rows);
    }

    /** The run's CPU between two samples, over the orders that reached their terminal state between them. */
    private static CpuUsage usage(Window window, ProcessStats.Sample from, ProcessStats.Sample to) {
        boolean whole = from == window.start() && to == window.end();
        List<PlacedOrder> finished = window.orders().stream()
                .filter(PlacedOrder::terminal)
                .filter(o -> whole
                        || (o.terminalEpochMillis >= from.epochMillis() && o.terminalEpochMillis < to.epochMillis()))
                .toList();
        long completed =
                finished.stream().filter(o -> "COMPLETED".equals(o.outcome)).count();
        return CpuUsage.between(from, to, completed, finished.size());
    }

    private static List<String> row(String window, double rate, CpuUsage usage) {
        return List.of(
                window,
                Double.isNaN(rate) ? "" : String.format(Locale.ROOT, "%.0f", rate),
                Long.toString(usage.completedOrders()),
                // No order completed in the window: no figure, rather than NaN or infinity.
                usage.completedOrders() == 0 ? "–" : String.format(Locale.ROOT, "%.1f", usage.msPerCompletedOrder()),
                String.format(Locale.ROOT, "%.2f", usage.runCores()),
                String.format(Locale.ROOT, "%.2f", usage.boxCores()),
                String.format(Locale.ROOT, "%.2f", usage.boxCores() - usage.runCores()));
    }

    /** Whether C2 was still compiling when the measured part started: its cores in the first 20 s and overall. */
    private void jit(Window window) {
        Map<String, Object> jit = new LinkedHashMap<>();
        Map<String, Double> early = window.marks().stream()
                .filter(m -> m.name().equals("jit"))
                .findFirst()
                .map(m -> CpuUsage.c2Cores(window.start(), m.sample()))
                .orElse(null);
        String stretch = "its first " + JIT_EARLY.toSeconds() + " s";
        if (early == null) {
            // A measured part shorter than that: judge it whole.
            early = CpuUsage.c2Cores(window.start(), window.end());
            stretch = "the whole of it";
        } else {
            jit.put("c2CoresFirst" + JIT_EARLY.toSeconds() + "s", early);
        }
        jit.put(
                "verdict",
                early.get("all") > 0.1
                        ? "C2 was still busy at the start of the measured part (%.2f cores in %s)"
                                .formatted(early.get("all"), stretch)
                        : "C2 had settled: %.2f cores in %s of the measured part".formatted(early.get("all"), stretch));
        jit.put("c2CoresOverMeasuredPart", CpuUsage.c2Cores(window.start(), window.end()));
        run.summary().put("jit", jit);
        log.info("{}", jit.get("verdict"));
    }

    /** The burst's own figures, and its schedule as it happened: one phase of the orders' placing. */
    private Schedule burstFigures(Window window) {
        List<PlacedOrder> orders = window.orders();
        boolean allTerminal = orders.stream().filter(PlacedOrder::accepted).allMatch(PlacedOrder::terminal);
        long lastTerminal = orders.stream()
                .filter(PlacedOrder::terminal)
                .mapToLong(o -> o.terminalEpochMillis)
                .max()
                .orElse(window.startMillis());
        Map<String, Object> burst = new LinkedHashMap<>();
        burst.put("orders", orders.size());
        burst.put("clients", run.settings().burstClients());
        burst.put("placingSeconds", CpuUsage.round(window.placing().toMillis() / 1000.0, 100));
        burst.put(
                "secondsUntilAllTerminal",
                allTerminal ? CpuUsage.round((lastTerminal - window.startMillis()) / 1000.0, 100) : null);
        run.summary().put("burst", burst);
        double seconds = Math.max(0.001, window.placing().toMillis() / 1000.0);
        return new Schedule(List.of(new Schedule.Phase("burst", orders.size() / seconds, window.placing())));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object map) {
        return (Map<String, Object>) map;
    }
}
