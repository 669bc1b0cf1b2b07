package dev.orderflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/** CPU times of processes from Linux's /proc, in clock ticks, as both benchmarks read them. */
public final class ProcStat {

    /** Where Linux lists its processes. */
    public static final Path PROC = Path.of("/proc");

    private ProcStat() {}

    /** ppid, utime, stime, cutime, cstime of one process (a /proc/&lt;pid&gt; or task folder); empty if it has gone. */
    public static long[] stat(Path process) {
        try {
            String line = Files.readString(process.resolve("stat"));
            // The command name may hold spaces and parentheses; the fields after its closing one are fixed.
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return new long[] {
                Long.parseLong(f[1]),
                Long.parseLong(f[11]),
                Long.parseLong(f[12]),
                Long.parseLong(f[13]),
                Long.parseLong(f[14])
            };
        } catch (IOException | RuntimeException e) {
            return new long[0];
        }
    }

    /**
     * The whole box's CPU ticks since boot from /proc/stat: user, nice, system, idle, iowait, irq, softirq, steal — in the
     * same ticks as each process's times.
     */
    public static long[] boxTicks() throws IOException {
        String[] fields =
                Files.readAllLines(PROC.resolve("stat")).getFirst().trim().split("\\s+");
        return Arrays.stream(fields, 1, Math.min(fields.length, 9))
                .mapToLong(Long::parseLong)
                .toArray();
    }

    /**
     * The postmaster's own time and that of its children that have ended (it waits for them), plus that of its live
     * children: backends, WAL writer, checkpointer, autovacuum. 0 without a postmaster or a readable /proc.
     */
    public static long postgresTicks(long postmaster) {
        if (postmaster < 0) {
            return 0;
        }
        long total = 0;
        try (Stream<Path> processes = Files.list(PROC)) {
            for (Path process : processes
                    .filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                long[] stat = stat(process);
                if (stat.length == 0) {
                    continue;
                }
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid == postmaster) {
                    total += stat[1] + stat[2] + stat[3] + stat[4];
                } else if (stat[0] == postmaster) {
                    total += stat[1] + stat[2];
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }
}
