package dev.orderflow.bench.relay;

import dev.orderflow.bench.ProcStat;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How busy the machine was during a phase, split into this JVM (relay, writers, broker), PostgreSQL and everything
 * else, plus this JVM's garbage-collection pauses. On a small machine a saturated CPU or a collector pause, not the
 * relay's design, may be what a figure shows, and a busy neighbour process disturbs every figure; this says which.
 * CPU shares need Linux's /proc; elsewhere they read as NaN.
 */
public record MachineLoad(double machineBusy, double jvm, double postgres, long gcMillis) {

    private static final Path PROC = ProcStat.PROC;

    /** The embedded server's postmaster, whose children are its backends; set once the database is up. */
    private static volatile long postmasterPid = -1;

    static void watchPostgres(long postmaster) {
        postmasterPid = postmaster;
    }

    double others() {
        return machineBusy - jvm - postgres;
    }

    /** Tick counters at one moment; {@link #until} turns two into shares of the machine's whole capacity. */
    record Snapshot(long machineTicks, long idleTicks, long jvmTicks, long postgresTicks, long gcMillis) {

        MachineLoad until(Snapshot later) {
            double ticks = later.machineTicks - machineTicks;
            long gc = later.gcMillis - gcMillis;
            if (machineTicks < 0 || ticks <= 0) {
                return new MachineLoad(Double.NaN, Double.NaN, Double.NaN, gc);
            }
            return new MachineLoad(
                    100 * (ticks - (later.idleTicks - idleTicks)) / ticks,
                    100 * (later.jvmTicks - jvmTicks) / ticks,
                    100 * (later.postgresTicks - postgresTicks) / ticks,
                    gc);
        }
    }

    static Snapshot snapshot() {
        // Pauses only: G1's "Concurrent GC" bean counts work done beside the application.
        long gcMillis = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(gc -> !gc.getName().contains("Concurrent"))
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .filter(millis -> millis > 0)
                .sum();
        try {
            long[] ticks = ProcStat.boxTicks();
            return new Snapshot(
                    Arrays.stream(ticks).sum(),
                    ticks[3] + ticks[4],
                    processTicks(ProcessHandle.current().pid()),
                    ProcStat.postgresTicks(postmasterPid),
                    gcMillis);
        } catch (IOException | RuntimeException e) {
            return new Snapshot(-1, -1, -1, -1, gcMillis);
        }
    }

    private static long processTicks(long pid) {
        long[] stat = ProcStat.stat(PROC.resolve(Long.toString(pid)));
        return stat.length == 0 ? 0 : stat[1] + stat[2];
    }

    /** Other processes above this share of the machine make a phase's figures unreliable. */
    private static final double DISTURBANCE = 10;

    @Override
    public String toString() {
        return "machine %.0f%% busy: this JVM %.0f%%, PostgreSQL %.0f%%, other processes %.0f%%; GC pauses %d ms%s"
                .formatted(
                        machineBusy,
                        jvm,
                        postgres,
                        others(),
                        gcMillis,
                        others() > DISTURBANCE ? "  << DISTURBED by other processes" : "");
    }
}
