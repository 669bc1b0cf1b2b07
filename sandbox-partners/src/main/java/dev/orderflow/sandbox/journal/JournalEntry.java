package dev.orderflow.sandbox.journal;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One business request as it reached a partner, and the HTTP status the partner answered (or, for a decided request,
 * will answer once a held answer is released).
 *
 * @param partner {@code provider} or {@code carrier}
 * @param operation {@code charge}, {@code refund}, {@code book} or {@code cancel}
 * @param orderId the order the request is about; null when the sandbox could not tell (an unreadable body)
 * @param idempotencyKey the {@code Idempotency-Key} header as sent; null when it was missing
 */
public record JournalEntry(
        Instant at,
        String partner,
        String operation,
        @Nullable UUID orderId,
        @Nullable String idempotencyKey,
        int status) {}
