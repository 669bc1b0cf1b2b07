package dev.orderflow.bench.saga;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.jspecify.annotations.Nullable;

/**
 * One JVM's measured JFR recording, read with the JDK's own {@link RecordingFile}: its CPU samples
 * ({@code jdk.ExecutionSample}) by category, entry point and innermost library package, its GC pauses
 * ({@code jdk.GarbageCollection}) and its C2 compilations ({@code jdk.Compilation} at tier 4), those in the first
 * {@code early} of the measured part counted apart to show whether C2 was still busy when it started.
 */
record ServiceProfile(
        String process,
        long samples,
        long truncatedStacks,
        Map<String, Long> categories,
        Map<String, Long> entryPoints,
        Map<String, Long> libraryPackages,
        long gcCount,
        double gcPauseMillis,
        double gcLongestPauseMillis,
        long c2Compilations,
        double c2Millis,
        long c2CompilationsEarly,
        double c2MillisEarly) {

    private static final int C2_LEVEL = 4;

    /** Reads one recording; without {@code measuredStart}, "early" starts at the recording's first event. */
    static ServiceProfile read(String process, Path file, @Nullable Instant measuredStart, Duration early)
            throws IOException {
        Map<String, Long> categories = new LinkedHashMap<>();
        StackCategories.COLUMNS.forEach(c -> categories.put(c, 0L));
        Map<String, Long> entryPoints = new TreeMap<>();
        Map<String, Long> packages = new TreeMap<>();
        long samples = 0;
        long truncated = 0;
        long gcCount = 0;
        double gcPause = 0;
        double gcLongest = 0;
        long c2 = 0;
        double c2Millis = 0;
        long c2Early = 0;
        double c2EarlyMillis = 0;
        Instant earlyEnd = measuredStart == null ? null : measuredStart.plus(early);
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (earlyEnd == null) {
                    earlyEnd = event.getStartTime().plus(early);
                }
                switch (event.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        RecordedStackTrace stack = event.getStackTrace();
                        if (stack == null) {
                            continue;
                        }
                        List<StackCategories.Frame> frames = frames(stack);
                        samples++;
                        truncated += stack.isTruncated() ? 1 : 0;
                        categories.merge(StackCategories.categoryOf(frames), 1L, Long::sum);
                        entryPoints.merge(StackCategories.entryPoint(frames, threadName(event)), 1L, Long::sum);
                        packages.merge(StackCategories.innermostLibraryPackage(frames), 1L, Long::sum);
                    }
                    case "jdk.GarbageCollection" -> {
                        gcCount++;
                        gcPause += millis(event.getDuration("sumOfPauses"));
                        gcLongest = Math.max(gcLongest, millis(event.getDuration("longestPause")));
                    }
                    case "jdk.Compilation" -> {
                        if (event.getInt("compileLevel") == C2_LEVEL) {
                            c2++;
                            c2Millis += millis(event.getDuration());
                            if (event.getStartTime().isBefore(earlyEnd)) {
                                c2Early++;
                                c2EarlyMillis += millis(event.getDuration());
                            }
                        }
                    }
                    default -> {
                        // Not part of the report; the file keeps it for JMC or `jfr print`.
                    }
                }
            }
        }
        return new ServiceProfile(
                process,
                samples,
                truncated,
                categories,
                top(entryPoints, 10),
                top(packages, 8),
                gcCount,
                gcPause,
                gcLongest,
                c2,
                c2Millis,
                c2Early,
                c2EarlyMillis);
    }

    private static List<StackCategories.Frame> frames(RecordedStackTrace stack) {
        List<StackCategories.Frame> frames = new ArrayList<>(stack.getFrames().size());
        for (RecordedFrame frame : stack.getFrames()) {
            if (frame.getMethod() != null && frame.getMethod().getType() != null) {
                frames.add(new StackCategories.Frame(
                        frame.getMethod().getType().getName(), frame.getMethod().getName()));
            }
        }
        return frames;
    }

    private static String threadName(RecordedEvent event) {
        RecordedThread thread = event.getThread("sampledThread");
        return thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
    }

    private static double millis(Duration duration) {
        return duration == null ? 0 : duration.toNanos() / 1e6;
    }

    private static Map<String, Long> top(Map<String, Long> counts, int limit) {
        Map<String, Long> top = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(limit)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    /** The share of this JVM's samples, in per cent, rounded. */
    String percent(long count) {
        return samples == 0 ? "–" : Math.round(100.0 * count / samples) + " %";
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("executionSamples", samples);
        map.put("truncatedStacks", truncatedStacks);
        Map<String, Object> shares = new LinkedHashMap<>();
        categories.forEach((c, n) -> shares.put(c, share(n)));
        map.put("categoryShares", shares);
        Map<String, Object> entries = new LinkedHashMap<>();
        entryPoints.forEach((e, n) -> entries.put(e, share(n)));
        map.put("entryPointShares", entries);
        Map<String, Object> libraries = new LinkedHashMap<>();
        libraryPackages.forEach((p, n) -> libraries.put(p, share(n)));
        map.put("innermostLibraryPackageShares", libraries);
        map.put(
                "gc",
                Map.of(
                        "collections",
                        gcCount,
                        "pauseMillis",
                        CpuUsage.round(gcPauseMillis, 10),
                        "longestPauseMillis",
                        CpuUsage.round(gcLongestPauseMillis, 10)));
        map.put(
                "c2",
                Map.of(
                        "compilations",
                        c2Compilations,
                        "millis",
                        Math.round(c2Millis),
                        "compilationsEarly",
                        c2CompilationsEarly,
                        "millisEarly",
                        Math.round(c2MillisEarly)));
        return map;
    }

    private double share(long count) {
        return samples == 0 ? 0 : CpuUsage.round((double) count / samples, 1000);
    }
}
