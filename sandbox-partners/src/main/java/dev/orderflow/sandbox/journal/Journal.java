package dev.orderflow.sandbox.journal;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The partners' own record of the business requests that reached them, refused ones included, oldest first: what a test
 * checks when it must know whether a call ever arrived. In memory and bounded: past its capacity the oldest entries go.
 */
@Component
public class Journal {

    private final Clock clock;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<JournalEntry> entries = new ArrayDeque<>();

    @Autowired
    Journal(JournalProperties properties) {
        this(Clock.systemUTC(), properties.capacity());
    }

    Journal(Clock clock, int capacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.capacity = capacity;
    }

    void record(String partner, String operation, @Nullable UUID orderId, @Nullable String idempotencyKey, int status) {
        lock.lock();
        try {
            // Stamped under the lock, so the entries' times never run backwards in the journal's order.
            entries.addLast(new JournalEntry(clock.instant(), partner, operation, orderId, idempotencyKey, status));
            if (entries.size() > capacity) {
                entries.removeFirst();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The entries about one order, or all of them, oldest first. */
    public List<JournalEntry> entries(@Nullable UUID orderId) {
        lock.lock();
        try {
            return entries.stream()
                    .filter(entry -> orderId == null || orderId.equals(entry.orderId()))
                    .toList();
        } finally {
            lock.unlock();
        }
    }
}
