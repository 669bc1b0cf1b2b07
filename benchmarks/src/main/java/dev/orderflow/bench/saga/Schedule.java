package dev.orderflow.bench.saga;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When each order is due, relative to the start of the run: an open model (arrivals at a fixed rate, independent of
 * how fast the platform answers), made of phases of constant rate.
 */
record Schedule(List<Phase> phases) {

    /** {@code rate} orders per second for {@code length}. */
    record Phase(String name, double rate, Duration length) {}

    static Schedule steady(double rate, Duration length) {
        return new Schedule(List.of(new Phase("steady", rate, length)));
    }

    /** Steady at {@code rate}, with {@code spike} at twice the rate in the middle third (at most 60 s in the seeds). */
    static Schedule spike(double rate, Duration length, Duration spike) {
        Duration before = length.minus(spike).dividedBy(2);
        return new Schedule(List.of(
                new Phase("before", rate, before),
                new Phase("spike", rate * 2, spike),
                new Phase("after", rate, length.minus(spike).minus(before))));
    }

    /** Steps of {@code stepLength}, from {@code start} orders/s up by {@code step}, {@code steps} times. */
    static Schedule steps(double start, double step, int steps, Duration stepLength) {
        List<Phase> phases = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            phases.add(new Phase("step " + (i + 1), start + i * step, stepLength));
        }
        return new Schedule(phases);
    }

    /** Due times in nanoseconds from the start, in order: phase by phase, evenly spaced at each phase's rate. */
    long[] dueNanos() {
        List<Long> due = new ArrayList<>();
        long offset = 0;
        for (Phase phase : phases) {
            long count = Math.round(phase.rate() * phase.length().toNanos() / 1e9);
            double gap = 1e9 / phase.rate();
            for (long i = 0; i < count; i++) {
                due.add(offset + Math.round(i * gap));
            }
            offset += phase.length().toNanos();
        }
        return due.stream().mapToLong(Long::longValue).toArray();
    }

    Duration length() {
        return phases.stream().map(Phase::length).reduce(Duration.ZERO, Duration::plus);
    }

    /** The phase an order due at {@code nanos} belongs to. */
    Phase phaseAt(long nanos) {
        long end = 0;
        for (Phase phase : phases) {
            end += phase.length().toNanos();
            if (nanos < end) {
                return phase;
            }
        }
        return phases.getLast();
    }
}
