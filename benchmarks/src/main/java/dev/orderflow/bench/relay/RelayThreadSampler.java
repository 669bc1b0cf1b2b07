package dev.orderflow.bench.relay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Where the relay's one thread spends its time, by sampling its stack every few milliseconds: the breakdown tells which
 * step of the batch loop (fetch, send, wait for acks, mark published) limits the relay without touching its code. It
 * knows the relay's class and method names; a renamed step shows up as "other", never as a failure.
 */
final class RelayThreadSampler implements AutoCloseable {

    static final String RELAY_THREAD = "orderflow-outbox-relay";

    private static final String OUTBOX_PACKAGE = "dev.orderflow.messaging.outbox.";
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Map<String, Integer> samples = new LinkedHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    private RelayThreadSampler(Thread relay) {
        for (String step :
                new String[] {"fetch", "build+send", "await acks", "mark published", "metrics", "idle", "other"}) {
            samples.put(step, 0);
        }
        this.sampler = Thread.ofPlatform().name("bench-relay-sampler").daemon().start(() -> {
            while (running && relay.isAlive()) {
                String step = classify(relay.getStackTrace());
                synchronized (samples) {
                    samples.merge(step, 1, Integer::sum);
                }
                LockSupport.parkNanos(INTERVAL_NANOS);
            }
        });
    }

    /** Samples the running relay; empty if its thread cannot be found (then there is nothing to break down). */
    static Optional<RelayThreadSampler> start() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(RELAY_THREAD) && t.isAlive())
                .findFirst()
                .map(RelayThreadSampler::new);
    }

    /** The share of samples per step, in percent, in loop order. */
    Map<String, Double> shares() throws InterruptedException {
        close();
        synchronized (samples) {
            int total = samples.values().stream().mapToInt(Integer::intValue).sum();
            Map<String, Double> shares = new LinkedHashMap<>();
            samples.forEach((step, n) -> shares.put(step, total == 0 ? 0 : 100.0 * n / total));
            return shares;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join(TimeUnit.SECONDS.toMillis(5));
    }

    /** The innermost relay frame names the step; inside the publisher, what it called tells sending from waiting. */
    static String classify(StackTraceElement[] stack) {
        boolean waiting = false;
        for (StackTraceElement frame : stack) {
            String type = frame.getClassName();
            String method = frame.getMethodName();
            if (type.startsWith("java.util.concurrent.CompletableFuture") && method.equals("get")) {
                waiting = true;
            }
            if (!type.startsWith(OUTBOX_PACKAGE)) {
                continue;
            }
            String simpleName = type.substring(OUTBOX_PACKAGE.length());
            // A lambda counts as the method it was written in: lambda$record$0 is part of record.
            String enclosing = method.startsWith("lambda$") ? method.split("\\$")[1] : method;
            return switch (simpleName + "." + enclosing) {
                case "RelayConnection.fetch", "OutboxRow.map" -> "fetch";
                case "RelayConnection.deletePublished" -> "delete published";
                case "RelaySignal.awaitAfter" -> "idle";
                case "RelayMetrics.published" -> "metrics";
                case "OutboxPublisher.publish", "OutboxPublisher.record" -> waiting ? "await acks" : "build+send";
                default -> "other";
            };
        }
        return "other";
    }
}
