package dev.orderflow.bench.relay;

import java.time.Duration;

/** Events per second over a measured span. */
final class Rates {

    private Rates() {}

    static double perSecond(long events, Duration elapsed) {
        long nanos = elapsed.toNanos();
        return nanos <= 0 ? 0 : events * 1e9 / nanos;
    }
}
