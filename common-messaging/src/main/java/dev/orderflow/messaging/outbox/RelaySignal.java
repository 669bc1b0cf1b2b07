package dev.orderflow.messaging.outbox;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells the relay that rows were committed: after every commit that wrote to the outbox in this JVM, and for every
 * notification another replica's commit sent. A counter, so the relay knows whether anything was committed since its
 * last fetch began: if not, a short fetch means the outbox is drained and it can wait instead of fetching again.
 */
final class RelaySignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long count;

    void signal() {
        lock.lock();
        try {
            count++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long count() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a signal arrives after {@code seen}, at most {@code millis}.
     *
     * @return whether one did
     */
    boolean awaitAfter(long seen, long millis) throws InterruptedException {
        long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            while (count == seen) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
