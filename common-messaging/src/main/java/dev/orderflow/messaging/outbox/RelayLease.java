package dev.orderflow.messaging.outbox;

import java.time.Duration;

/**
 * A lease on the relay's leadership as its holder sees it: the epoch that fences its writes, and when it runs out by
 * this JVM's monotonic clock. The clock starts before the statement that took or renewed the lease is sent, so the
 * holder's view ends no later than the database's, where a standby can take over only once the lease ran out.
 */
record RelayLease(long epoch, long startNanos, long durationNanos) {

    static RelayLease startingAt(long epoch, long startNanos, Duration duration) {
        return new RelayLease(epoch, startNanos, duration.toNanos());
    }

    /** Whether it still runs: its holder may send. */
    boolean isValid() {
        return System.nanoTime() - startNanos < durationNanos;
    }

    /** A third of it has passed: renew, leaving two thirds for the renewal to get through. */
    boolean isRenewalDue() {
        return nanosUntilRenewal() <= 0;
    }

    long nanosUntilRenewal() {
        return startNanos + durationNanos / 3 - System.nanoTime();
    }
}
