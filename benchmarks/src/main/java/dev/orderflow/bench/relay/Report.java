package dev.orderflow.bench.relay;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's output: each phase's figures as soon as the phase ends (a later failure loses nothing), then one
 * summary table with the ratios. The only place that prints.
 */
final class Report {

    private final PrintStream out;
    private final List<String[]> summary = new ArrayList<>();
    private RawProducerBaseline.Result raw;
    private CommitRateBaseline.Result commits;
    private DrainRun.Result drain;

    Report(PrintStream out) {
        this.out = out;
    }

    void setup(List<String> lines) {
        out.println();
        out.println("== Orderflow outbox relay benchmark ==");
        lines.forEach(line -> out.println("  " + line));
        out.flush();
    }

    void rawProducer(RawProducerBaseline.Result result) {
        raw = result;
        section(
                "1. Raw KafkaProducer (relay's producer settings, records pre-built)",
                "%,d records (payload %.0f B, headers %.0f B) in %s = %,.0f records/s"
                        .formatted(
                                result.records(),
                                result.payloadBytes(),
                                result.headerBytes(),
                                seconds(result.elapsed()),
                                result.perSecond()),
                "cpu: " + result.cpu());
        row("Raw producer", "%,.0f records/s".formatted(result.perSecond()));
    }

    /** The first commit-rate result is the outbox's own write path, the one the ratio is taken against. */
    void commitRate(CommitRateBaseline.Result result) {
        if (commits == null) {
            commits = result;
        }
        section(
                "2. PostgreSQL commit rate: " + result.label(),
                "%d connections, %,d commits in %s = %,.0f commits/s"
                        .formatted(result.threads(), result.commits(), seconds(result.measured()), result.perSecond()),
                "cpu: " + result.cpu());
        row("PG commits, " + result.label(), "%,.0f commits/s".formatted(result.perSecond()));
    }

    void drain(DrainRun.Result result) {
        drain = result;
        section(
                "3. Drain of a backlog by the relay",
                "%,d events (written in %s) drained in %s = %,.0f events/s"
                        .formatted(
                                result.backlog(),
                                seconds(result.setup()),
                                seconds(result.elapsed()),
                                result.perSecond()),
                "first half %s, second half %s; left unpublished %,d; records added to the topic %,d"
                        .formatted(
                                seconds(result.firstHalf()),
                                seconds(result.secondHalf()),
                                result.remaining(),
                                result.recordsOnTopic()),
                "relay thread: " + shares(result.relayTime()),
                "cpu: " + result.cpu());
        row("Relay drain", "%,.0f events/s".formatted(result.perSecond()));
    }

    void fixedRate(FixedRateRun.Result result) {
        Latencies l = result.commitToReceive();
        section(
                "4. Fixed rate %,d events/s, one event per transaction, relay running".formatted(result.targetRate()),
                "achieved %,.0f events/s (%,d committed in %s; writers at most %s behind schedule)"
                        .formatted(
                                result.achievedRate(),
                                result.committed(),
                                seconds(result.writing()),
                                millis(result.maxStartLag())),
                "received %,d, missing %,d; commit -> consumer receipt p50 %s  p95 %s  p99 %s  p99.9 %s  max %s"
                        .formatted(
                                result.received(),
                                result.missing(),
                                ms(l.p50()),
                                ms(l.p95()),
                                ms(l.p99()),
                                ms(l.p999()),
                                ms(l.max())),
                "  of which commit -> relay send " + percentiles(result.commitToSend()),
                "           relay send -> receipt " + percentiles(result.sendToReceive()),
                "relay thread: " + shares(result.relayTime()),
                "cpu: " + result.cpu());
        row(
                "Latency @ %,d/s (achieved %,.0f/s)".formatted(result.targetRate(), result.achievedRate()),
                "p50 %s / p95 %s / p99 %s".formatted(ms(l.p50()), ms(l.p95()), ms(l.p99())));
    }

    void summary() {
        if (drain != null && raw != null) {
            row("Relay drain / raw producer", "%.2f".formatted(drain.perSecond() / raw.perSecond()));
        }
        if (drain != null && commits != null) {
            row("Relay drain / PG commit rate", "%.2f".formatted(drain.perSecond() / commits.perSecond()));
        }
        int width = summary.stream().mapToInt(r -> r[0].length()).max().orElse(10);
        out.println();
        out.println("== Summary ==");
        summary.forEach(r -> out.println("  " + r[0] + " ".repeat(width - r[0].length()) + "  " + r[1]));
        out.println();
        out.flush();
    }

    private void section(String title, String... lines) {
        out.println();
        out.println(title);
        for (String line : lines) {
            out.println("  " + line);
        }
        out.flush();
    }

    private void row(String name, String value) {
        summary.add(new String[] {name, value});
    }

    private static String percentiles(Latencies l) {
        return "p50 %s  p95 %s  p99 %s".formatted(ms(l.p50()), ms(l.p95()), ms(l.p99()));
    }

    private static String shares(Map<String, Double> shares) {
        StringBuilder line = new StringBuilder();
        shares.forEach((step, share) -> line.append(String.format(Locale.ROOT, "%s %.0f%%  ", step, share)));
        return line.toString().strip();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }

    private static String millis(Duration d) {
        return ms(d.toNanos() / 1000);
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }
}
