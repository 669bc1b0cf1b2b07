package dev.orderflow.bench.saga;

import dev.orderflow.bench.relay.Latencies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The run's report: raw data (CSV), a JSON summary, and one HTML page with charts (inline SVG, nothing to fetch). */
final class Report {

    private Report() {}

    static void write(
            Path out,
            SagaSettings settings,
            Schedule schedule,
            List<PlacedOrder> orders,
            List<Map<String, Object>> timeline,
            Map<String, Object> summary,
            Verification verification,
            List<Table> tables)
            throws IOException {
        writeOrders(out.resolve("orders.csv"), orders);
        writeTimeline(out.resolve("timeline.csv"), timeline);

        List<PlacedOrder> done = orders.stream().filter(PlacedOrder::terminal).toList();
        long start = orders.isEmpty() ? 0 : orders.getFirst().dueEpochMillis;
        double loadSeconds = schedule.length().toMillis() / 1000.0;
        long completed =
                done.stream().filter(o -> "COMPLETED".equals(o.outcome)).count();
        long lastTerminal =
                done.stream().mapToLong(o -> o.terminalEpochMillis).max().orElse(start);
        summary.put("schedule", schedule.phases().toString());
        summary.put("ordersSent", orders.size());
        summary.put("ordersAccepted", verification.accepted());
        summary.put("ordersRefused", verification.refused());
        summary.put("ordersCompleted", completed);
        if (!settings.mode().equals("burst")) {
            // A burst places its orders in a moment: only the rate until the last one finished means anything.
            summary.put("completedPerSecondOverLoad", round(completed / loadSeconds));
        }
        summary.put(
                "completedPerSecondUntilLastTerminal", round(completed / Math.max(1, (lastTerminal - start) / 1000.0)));
        summary.put(
                "intakeMillis",
                millis(Latencies.of(
                        orders.stream().mapToLong(o -> o.intakeMicros).toArray())));
        summary.put(
                "placeToTerminalMillis",
                millisFromMillis(Latencies.of(done.stream()
                        .mapToLong(PlacedOrder::placeToTerminalMillis)
                        .toArray())));
        Map<String, Object> phases = new LinkedHashMap<>();
        for (Schedule.Phase phase : schedule.phases()) {
            List<PlacedOrder> inPhase = done.stream()
                    .filter(o -> schedule.phaseAt((o.dueEpochMillis - start) * 1_000_000) == phase)
                    .toList();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("rate", phase.rate());
            figures.put("orders", inPhase.size());
            figures.put(
                    "placeToTerminalMillis",
                    millisFromMillis(Latencies.of(inPhase.stream()
                            .mapToLong(PlacedOrder::placeToTerminalMillis)
                            .toArray())));
            figures.put(
                    "intakeMillis",
                    millis(Latencies.of(
                            inPhase.stream().mapToLong(o -> o.intakeMicros).toArray())));
            phases.put(phase.name(), figures);
        }
        summary.put("phases", phases);
        if (settings.mode().equals("max")) {
            double best = maxSustainable(schedule, phases, timeline);
            summary.put("maxSustainableRate", best);
            schedule.phases().stream()
                    .filter(phase -> phase.rate() == best)
                    .findFirst()
                    .map(phase -> cpuOf(summary, phase.name()))
                    .ifPresent(cpu -> summary.put("cpuMsPerCompletedOrderAtMaxSustainableRate", cpu));
        }
        putVerification(summary, verification);
        Files.writeString(
                out.resolve("summary.json"),
                SagaBenchmark.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        Files.writeString(out.resolve("summary.html"), html(summary, orders, timeline, start, tables));
    }

    /** The idle mode's report: its tables and the summary, no orders and no charts. */
    static void writeIdle(Path out, Map<String, Object> summary, Verification verification, List<Table> tables)
            throws IOException {
        putVerification(summary, verification);
        Files.writeString(
                out.resolve("summary.json"),
                SagaBenchmark.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        Files.writeString(out.resolve("summary.html"), page(verification.passed(), "", tables, summary));
    }

    private static void putVerification(Map<String, Object> summary, Verification verification) {
        summary.put(
                "verification",
                Map.of(
                        "passed", verification.passed(),
                        "notTerminal", verification.notTerminal(),
                        "refused", verification.refused(),
                        "violations", verification.violations()));
    }

    @SuppressWarnings("unchecked")
    private static Object cpuOf(Map<String, Object> summary, String phase) {
        Object byPhase = summary.get("cpuPerOrderByPhase");
        if (byPhase instanceof Map<?, ?> phases && phases.get(phase) instanceof Map<?, ?> cpu) {
            return ((Map<String, Object>) cpu).get("cpuMsPerCompletedOrder");
        }
        return null;
    }

    /** The highest step whose p99 place → terminal stayed under 1 s while the backlog and lag did not keep growing. */
    @SuppressWarnings("unchecked")
    private static double maxSustainable(
            Schedule schedule, Map<String, Object> phases, List<Map<String, Object>> timeline) {
        double best = 0;
        double offset = 0;
        for (Schedule.Phase phase : schedule.phases()) {
            Map<String, Object> figures = (Map<String, Object>) phases.get(phase.name());
            double p99 =
                    ((Number) ((Map<String, Object>) figures.get("placeToTerminalMillis")).get("p99")).doubleValue();
            double end = offset + phase.length().toSeconds();
            double first = pipeline(timeline, offset + phase.length().toSeconds() / 2.0);
            double last = pipeline(timeline, end);
            boolean growing = last > first + phase.rate() && last > 2 * Math.max(1, first);
            if (p99 < 1000 && !growing && ((Number) figures.get("orders")).intValue() > 0) {
                best = phase.rate();
            }
            offset = end;
        }
        return best;
    }

    private static double pipeline(List<Map<String, Object>> timeline, double at) {
        return timeline.stream()
                .filter(p -> ((Number) p.get("t")).doubleValue() <= at)
                .reduce((a, b) -> b)
                .map(p -> number(p, "outboxBacklog") + number(p, "consumerLag"))
                .orElse(0.0);
    }

    private static Map<String, Object> millis(Latencies micros) {
        return Map.of(
                "count",
                micros.count(),
                "p50",
                micros.p50() / 1000.0,
                "p95",
                micros.p95() / 1000.0,
                "p99",
                micros.p99() / 1000.0,
                "max",
                micros.max() / 1000.0);
    }

    private static Map<String, Object> millisFromMillis(Latencies millis) {
        return Map.of(
                "count",
                millis.count(),
                "p50",
                millis.p50(),
                "p95",
                millis.p95(),
                "p99",
                millis.p99(),
                "max",
                millis.max());
    }

    private static void writeOrders(Path file, List<PlacedOrder> orders) throws IOException {
        StringBuilder csv = new StringBuilder(
                "index,kind,due_epoch_ms,status,intake_us,order_id,outcome,created_epoch_ms,terminal_epoch_ms\n");
        for (PlacedOrder o : orders) {
            csv.append(o.index)
                    .append(',')
                    .append(o.kind)
                    .append(',')
                    .append(o.dueEpochMillis)
                    .append(',')
                    .append(o.status)
                    .append(',')
                    .append(o.intakeMicros)
                    .append(',')
                    .append(o.orderId)
                    .append(',')
                    .append(o.outcome)
                    .append(',')
                    .append(o.createdEpochMillis)
                    .append(',')
                    .append(o.terminalEpochMillis)
                    .append('\n');
        }
        Files.writeString(file, csv);
    }

    private static void writeTimeline(Path file, List<Map<String, Object>> timeline) throws IOException {
        StringBuilder csv = new StringBuilder("t_s,sent,completed,cancelled,in_flight,outbox_backlog,consumer_lag\n");
        for (Map<String, Object> p : new ArrayList<>(timeline)) {
            csv.append(String.format(
                    Locale.ROOT,
                    "%.1f,%s,%s,%s,%s,%s,%s%n",
                    number(p, "t"),
                    p.get("sent"),
                    p.get("completed"),
                    p.get("cancelled"),
                    p.get("inFlight"),
                    p.get("outboxBacklog"),
                    p.get("consumerLag")));
        }
        Files.writeString(file, csv);
    }

    private static String html(
            Map<String, Object> summary,
            List<PlacedOrder> orders,
            List<Map<String, Object>> timeline,
            long start,
            List<Table> tables) {
        // Per second: orders sent and orders finished (by the platform's terminal timestamp).
        TreeMap<Long, double[]> perSecond = new TreeMap<>();
        for (PlacedOrder o : orders) {
            perSecond.computeIfAbsent((o.dueEpochMillis - start) / 1000, k -> new double[2])[0]++;
            if (o.terminal()) {
                perSecond.computeIfAbsent((o.terminalEpochMillis - start) / 1000, k -> new double[2])[1]++;
            }
        }
        // Per 5 s of placing: p50, p95, p99 of place → terminal.
        TreeMap<Long, List<Long>> windows = new TreeMap<>();
        orders.stream()
                .filter(PlacedOrder::terminal)
                .forEach(o -> windows.computeIfAbsent((o.createdEpochMillis - start) / 5000 * 5, k -> new ArrayList<>())
                        .add(o.placeToTerminalMillis()));
        TreeMap<Long, double[]> latency = new TreeMap<>();
        windows.forEach((t, values) -> {
            Latencies l =
                    Latencies.of(values.stream().mapToLong(Long::longValue).toArray());
            latency.put(t, new double[] {l.p50(), l.p95(), l.p99()});
        });
        TreeMap<Long, double[]> pipeline = new TreeMap<>();
        new ArrayList<>(timeline)
                .forEach(p -> pipeline.put(
                        (long) number(p, "t"), new double[] {number(p, "outboxBacklog"), number(p, "consumerLag")}));
        boolean passed = (Boolean) ((Map<?, ?>) summary.get("verification")).get("passed");
        String charts = """
                <h2>Throughput (orders per second: sent, finished)</h2>%s
                <h2>Place → terminal latency per 5 s of placing (ms: p50, p95, p99)</h2>%s
                <h2>Pipeline (outbox backlog rows, consumer lag records)</h2>%s
                """.formatted(
                        chart(perSecond, List.of("sent", "finished")),
                        chart(latency, List.of("p50", "p95", "p99")),
                        chart(pipeline, List.of("outbox backlog", "consumer lag")));
        return page(passed, charts, tables, summary);
    }

    private static String page(boolean passed, String charts, List<Table> tables, Map<String, Object> summary) {
        StringBuilder tableHtml = new StringBuilder();
        tables.forEach(t -> tableHtml.append(t.html()));
        return """
                <!doctype html><html><head><meta charset="utf-8"><title>Orderflow saga benchmark</title>
                <style>body{font-family:sans-serif;max-width:1100px;margin:2em auto}pre{background:#f4f4f4;padding:1em;overflow:auto}
                .ok{color:#1a7f37}.bad{color:#cf222e}table{border-collapse:collapse;margin-bottom:1em}
                td,th{border:1px solid #ccc;padding:2px 6px;font-size:90%%;text-align:right}td:first-child{text-align:left}</style>
                </head><body>
                <h1>Orderflow saga benchmark — <span class="%s">%s</span></h1>
                %s
                %s
                <h2>Summary</h2><pre>%s</pre></body></html>
                """.formatted(
                        passed ? "ok" : "bad",
                        passed ? "PASSED: every order terminal, invariants hold" : "FAILED",
                        charts,
                        tableHtml,
                        SagaBenchmark.JSON
                                .writerWithDefaultPrettyPrinter()
                                .writeValueAsString(summary)
                                .replace("<", "&lt;"));
    }

    /** A line chart as inline SVG: one polyline per series, x = seconds from the start. */
    private static String chart(TreeMap<Long, double[]> points, List<String> names) {
        if (points.isEmpty()) {
            return "<p>no data</p>";
        }
        String[] colours = {"#0969da", "#cf222e", "#1a7f37"};
        int width = 900;
        int height = 220;
        double maxX = Math.max(1, points.lastKey());
        double maxY = Math.max(
                1,
                points.values().stream()
                        .flatMapToDouble(java.util.Arrays::stream)
                        .max()
                        .orElse(1));
        StringBuilder svg = new StringBuilder("<svg width=\"" + width + "\" height=\"" + (height + 30)
                + "\" xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        for (int s = 0; s < names.size(); s++) {
            StringBuilder line = new StringBuilder();
            for (Map.Entry<Long, double[]> p : points.entrySet()) {
                double x = 40 + p.getKey() / maxX * (width - 60);
                double y = 10 + height - p.getValue()[s] / maxY * height;
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"")
                    .append(colours[s % 3])
                    .append("\" points=\"")
                    .append(line)
                    .append("\"/>");
            svg.append("<text x=\"")
                    .append(50 + s * 150)
                    .append("\" y=\"")
                    .append(height + 28)
                    .append("\" fill=\"")
                    .append(colours[s % 3])
                    .append("\">")
                    .append(names.get(s))
                    .append("</text>");
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"2\" y=\"14\">%.0f</text><text x=\"%d\" y=\"%d\">%.0f s</text></svg>",
                maxY,
                width - 60,
                height + 28,
                maxX));
        return svg.toString();
    }

    private static double number(Map<String, Object> point, String key) {
        Object value = point.get(key);
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
