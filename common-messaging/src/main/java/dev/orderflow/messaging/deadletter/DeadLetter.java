package dev.orderflow.messaging.deadletter;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A dead-lettered record as this service keeps it for inspection and replay.
 *
 * @param deadLetteredAt when this service recorded it: the dead letter's time, by this service's clock
 * @param recordTimestamp the dead-letter record's Kafka timestamp (its producer's or the broker's clock)
 * @param replayedAt when an operator replayed it successfully
 * @param discardedAt when an operator discarded it: decided that it needs no replay
 */
public record DeadLetter(
        long id,
        String consumerGroup,
        String originalTopic,
        String deadLetterTopic,
        int partition,
        long offset,
        @Nullable String key,
        @Nullable String eventId,
        @Nullable String eventType,
        String reason,
        @Nullable String detail,
        Map<String, String> headers,
        byte @Nullable [] payload,
        Instant deadLetteredAt,
        @Nullable Instant recordTimestamp,
        @Nullable Instant replayedAt,
        @Nullable Instant discardedAt,
        int replayAttempts,
        @Nullable String lastReplayError) {

    /** Neither replayed nor discarded: it waits for an operator, and retention keeps it. */
    public boolean isPending() {
        return replayedAt == null && discardedAt == null;
    }
}
