package dev.orderflow.bench.saga;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JFR in every JVM of the platform, driven from outside with {@code jcmd} so the file covers only the measured part.
 * The JVMs start with {@link #JVM_OPTIONS} (exact line numbers, deep stacks) and no recording; a throw-away recording
 * with the same settings runs during the warm-up, so JFR's own start-up and its code's compilation are paid there, and
 * the measured recording starts when the measured part does and is written when it ends.
 */
final class Profiler {

    private static final Logger log = LoggerFactory.getLogger(Profiler.class);

    /**
     * Samples at non-safepoint locations attributed to the right frame; stacks of up to 512 frames, because Spring's
     * filter chains and listener containers run deeper than JFR's default 64 and the entry point is at the bottom.
     */
    static final List<String> JVM_OPTIONS = List.of(
            "-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints", "-XX:FlightRecorderOptions:stackdepth=512");

    /** JDK's profile settings, with every compilation recorded (the default keeps those over 100 ms only). */
    private static final List<String> SETTINGS = List.of("settings=profile", "jdk.Compilation#threshold=0ms");

    private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    private final Path out;
    private boolean warmupRecording;

    Profiler(Path out) {
        this.out = out;
    }

    static Path recording(Path out, String process) {
        return out.resolve(process + ".jfr");
    }

    /** Starts the warm-up recording, kept in memory and on JFR's own disk repository, never written here. */
    void startWarmup(Map<String, Long> jvms) {
        run(jvms, name -> command("JFR.start", "name=warmup"));
        warmupRecording = true;
    }

    /** Ends the warm-up recording (discarding it) and starts the measured one. */
    void startMeasured(Map<String, Long> jvms) {
        if (warmupRecording) {
            run(jvms, name -> List.of("JFR.stop", "name=warmup"));
            warmupRecording = false;
        }
        run(
                jvms,
                name -> command(
                        "JFR.start",
                        "name=measured",
                        "filename=" + recording(out, name).toAbsolutePath()));
    }

    /** Stops the measured recording, which writes each JVM's file into the run's folder. */
    void stopMeasured(Map<String, Long> jvms) {
        run(jvms, name -> List.of("JFR.stop", "name=measured"));
    }

    private static List<String> command(String command, String... options) {
        List<String> line = new ArrayList<>(List.of(command));
        line.addAll(List.of(options));
        line.addAll(SETTINGS);
        return line;
    }

    /** Runs one jcmd per JVM, all at once, and waits (bounded) for them; a failure is logged, not fatal. */
    private void run(Map<String, Long> jvms, Function<String, List<String>> command) {
        Map<String, Process> running = new LinkedHashMap<>();
        jvms.forEach((name, pid) -> {
            List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
            line.addAll(command.apply(name));
            try {
                running.put(
                        name, new ProcessBuilder(line).redirectErrorStream(true).start());
            } catch (IOException e) {
                log.warn("jcmd for {} did not start: {}", name, e.getMessage());
            }
        });
        running.forEach((name, process) -> {
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    log.warn("jcmd {} for {} did not answer within 60 s", command.apply(name), name);
                } else {
                    // A refused diagnostic command still exits 0; its message says so.
                    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (process.exitValue() != 0 || output.contains("Exception") || output.contains("Could not")) {
                        log.warn("jcmd {} for {} failed: {}", command.apply(name), name, output.strip());
                    }
                }
            } catch (IOException e) {
                log.warn("jcmd for {}: {}", name, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
