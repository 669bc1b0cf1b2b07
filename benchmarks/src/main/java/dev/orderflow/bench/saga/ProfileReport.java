package dev.orderflow.bench.saga;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The profile's tables (issue 15's category table, entry points, libraries, GC and C2), for profile.md and the page. */
final class ProfileReport {

    private static final Logger log = LoggerFactory.getLogger(ProfileReport.class);

    private ProfileReport() {}

    /**
     * Reads the recordings of a finished run again and logs the tables, e.g. after changing a category: {@code java
     * -cp <benchmarks classpath> dev.orderflow.bench.saga.ProfileReport target/bench/<run>}. Without the run's start
     * at hand, "the first 20 s" start at each recording's first event.
     */
    public static void main(String[] args) throws IOException {
        Path runFolder = Path.of(args[0]);
        List<ServiceProfile> profiles = new ArrayList<>();
        try (var files = Files.list(runFolder)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".jfr")).sorted().toList()) {
                String name = file.getFileName().toString().replace(".jfr", "");
                profiles.add(ServiceProfile.read(name, file, null, LoadRun.JIT_EARLY));
            }
        }
        tables(profiles, LoadRun.JIT_EARLY.toSeconds()).forEach(t -> log.info("\n{}", t.markdown()));
    }

    /**
     * Reads every JVM's measured recording from the run's folder, puts the figures into the summary, writes
     * profile.md and returns the tables for the page.
     */
    static List<Table> analyse(SagaBenchmark.RunContext run, Instant measuredStart) throws IOException {
        List<ServiceProfile> profiles = new ArrayList<>();
        Map<String, Object> byProcess = new LinkedHashMap<>();
        for (String name : run.bench().jvms().keySet()) {
            Path file = Profiler.recording(run.out(), name);
            if (Files.isRegularFile(file)) {
                ServiceProfile profile = ServiceProfile.read(name, file, measuredStart, LoadRun.JIT_EARLY);
                profiles.add(profile);
                byProcess.put(name, profile.toMap());
            } else {
                log.warn("No recording from {}: {}", name, file);
            }
        }
        run.summary().put("profile", byProcess);
        List<Table> tables = tables(profiles, LoadRun.JIT_EARLY.toSeconds());
        writeMarkdown(run.out().resolve("profile.md"), run, tables);
        return tables;
    }

    static List<Table> tables(List<ServiceProfile> profiles, long earlySeconds) {
        List<String> header = new ArrayList<>(List.of("process", "samples"));
        header.addAll(StackCategories.COLUMNS);
        List<List<String>> categories = new ArrayList<>();
        List<List<String>> entries = new ArrayList<>();
        List<List<String>> libraries = new ArrayList<>();
        List<List<String>> runtime = new ArrayList<>();
        for (ServiceProfile p : profiles) {
            List<String> row = new ArrayList<>(List.of(p.process(), Long.toString(p.samples())));
            StackCategories.COLUMNS.forEach(
                    c -> row.add(p.percent(p.categories().get(c))));
            categories.add(row);
            p.entryPoints().forEach((entry, n) -> entries.add(List.of(p.process(), entry, p.percent(n))));
            p.libraryPackages().forEach((pkg, n) -> libraries.add(List.of(p.process(), pkg, p.percent(n))));
            runtime.add(List.of(
                    p.process(),
                    Long.toString(p.gcCount()),
                    String.format(Locale.ROOT, "%.0f", p.gcPauseMillis()),
                    String.format(Locale.ROOT, "%.1f", p.gcLongestPauseMillis()),
                    "%d (%d ms)".formatted(p.c2Compilations(), Math.round(p.c2Millis())),
                    "%d (%d ms)".formatted(p.c2CompilationsEarly(), Math.round(p.c2MillisEarly())),
                    p.percent(p.truncatedStacks())));
        }
        return List.of(
                new Table(
                        "Share of each JVM's CPU samples (jdk.ExecutionSample) by innermost library frame",
                        header,
                        categories),
                new Table(
                        "Orderflow entry points (outermost dev.orderflow frame; none = framework-only threads), top 10",
                        List.of("process", "entry point", "share of samples"),
                        entries),
                new Table(
                        "Innermost library package of each sample (what Spring (other) and other hold), top 8",
                        List.of("process", "package", "share of samples"),
                        libraries),
                new Table(
                        "GC pauses and C2 compilations during the measured part",
                        List.of(
                                "process",
                                "GC collections",
                                "GC pauses, ms",
                                "longest pause, ms",
                                "C2 compilations",
                                "of them in the first " + earlySeconds + " s",
                                "truncated stacks"),
                        runtime));
    }

    /** profile.md: which run, on which code with which settings, then the tables. */
    static void writeMarkdown(Path file, SagaBenchmark.RunContext run, List<Table> tables) throws IOException {
        StringBuilder md = new StringBuilder("# Profile of run ")
                .append(run.out().getFileName())
                .append("\n\n");
        md.append("- settings: ").append(run.settings().toMap()).append('\n');
        md.append("- platform: ").append(run.summary().get("platform")).append('\n');
        md.append("- JFR `settings=profile` in every JVM over the measured part only (started with jcmd after the")
                .append(" warm-up, stopped when every accepted order had finished); CPU samples are")
                .append(" `jdk.ExecutionSample` (threads running Java code), by innermost library frame\n\n");
        tables.forEach(t -> md.append(t.markdown()));
        Files.writeString(file, md);
    }
}
