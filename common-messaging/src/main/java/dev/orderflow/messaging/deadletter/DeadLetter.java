package dev.orderflow.messaging.deadletter;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A dead-lettered record as this service keeps it for inspection and replay. */
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
        @Nullable Instant replayedAt,
        int replayAttempts,
        @Nullable String lastReplayError) {

    public boolean isPending() {
        return replayedAt == null;
    }
}
