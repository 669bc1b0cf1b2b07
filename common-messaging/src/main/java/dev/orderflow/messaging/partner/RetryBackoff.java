package dev.orderflow.messaging.partner;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/**
 * The wait before the next attempt of a failed partner call: exponential from {@code initial}, doubling per attempt up
 * to {@code max}, with ±{@value #JITTER_PERCENT}% random jitter (resilience4j's {@link IntervalFunction}) so the calls
 * that failed together in an outage do not all come back at the same moment. This is the only retry of partner calls
 * (ADR 0004): it is durable, in the database, and every partner de-duplicates the repeated call.
 */
public final class RetryBackoff {

    static final int JITTER_PERCENT = 25;

    private final IntervalFunction intervals;

    private RetryBackoff(Duration initial, Duration max) {
        this.intervals = IntervalFunction.ofExponentialRandomBackoff(initial, 2.0, JITTER_PERCENT / 100.0, max);
    }

    public static RetryBackoff exponential(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        return new RetryBackoff(initial, max);
    }

    /** The wait after {@code attempts} failed attempts (the first failure waits about {@code initial}). */
    public Duration after(int attempts) {
        return Duration.ofMillis(intervals.apply(Math.clamp(attempts, 1, 60)));
    }
}
