package dev.orderflow.messaging.deadletter;

import dev.orderflow.messaging.inbox.EventDispatcher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator actions on dead letters. A replay re-dispatches the record to the handler of the group that failed, through
 * its inbox, so it reaches only that group and applies at most once; it arrives out of its original order, which the
 * saga's rules tolerate. A dead letter is pending until it was replayed successfully or discarded.
 */
public final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    /** How one replay ended. */
    public record ReplayResult(long id, boolean succeeded, String outcome) {}

    private final DeadLetterStore store;
    private final Map<String, EventDispatcher> dispatchers;

    public DeadLetters(DeadLetterStore store, Map<String, EventDispatcher> dispatchersByGroup) {
        this.store = store;
        this.dispatchers = Map.copyOf(dispatchersByGroup);
    }

    public List<DeadLetter> list(@Nullable String group, boolean pendingOnly, int page, int size) {
        return store.list(group, pendingOnly, page * size, size);
    }

    public long count(@Nullable String group, boolean pendingOnly) {
        return store.count(group, pendingOnly);
    }

    public DeadLetter get(long id) {
        return store.find(id).orElseThrow(() -> new NoSuchElementException("No dead letter " + id));
    }

    public ReplayResult replay(long id) {
        DeadLetter letter = get(id);
        EventDispatcher dispatcher = dispatchers.get(letter.consumerGroup());
        if (dispatcher == null) {
            throw new IllegalStateException(
                    "Consumer group " + letter.consumerGroup() + " does not run in this service");
        }
        RecordHeaders headers = new RecordHeaders();
        letter.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            EventDispatcher.Outcome outcome =
                    dispatcher.dispatch(letter.originalTopic(), letter.key(), headers, letter.payload());
            store.markReplayed(id);
            log.info("Replayed dead letter {} of group {}: {}", id, letter.consumerGroup(), outcome);
            return new ReplayResult(id, true, outcome.name());
        } catch (RuntimeException e) {
            String error = PersonalDataMasker.maskText(
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            store.markReplayFailed(id, error);
            log.warn("Replay of dead letter {} of group {} failed: {}", id, letter.consumerGroup(), error);
            return new ReplayResult(id, false, error);
        }
    }

    /**
     * An operator decided that a dead letter needs no replay: it is no longer pending, and retention deletes it after its
     * time. Discarding a discarded one again changes nothing; a replayed one cannot be discarded.
     */
    public DeadLetter discard(long id, String operator) {
        DeadLetter letter = get(id);
        if (letter.replayedAt() != null) {
            throw new IllegalStateException("Dead letter " + id + " was replayed; there is nothing to discard");
        }
        if (store.markDiscarded(id)) {
            log.info("Dead letter {} of group {} discarded by {}", id, letter.consumerGroup(), operator);
        }
        return get(id);
    }

    /** Replays the pending dead letters of a group (or all groups), oldest first, at most {@code limit}. */
    public List<ReplayResult> replayPending(@Nullable String group, int limit) {
        return store.list(group, true, 0, limit).stream()
                .map(letter -> replay(letter.id()))
                .toList();
    }
}
