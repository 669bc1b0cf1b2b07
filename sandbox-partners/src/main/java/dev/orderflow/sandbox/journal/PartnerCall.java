package dev.orderflow.sandbox.journal;

import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * One business request on its way through a partner, journalled exactly once: when the partner decides it, or, if it
 * is refused before that (bad input, an injected outage), when it is answered. Confined to its request's thread.
 */
public final class PartnerCall {

    /** The request attribute under which a {@link Journalled} endpoint finds its call. */
    public static final String ATTRIBUTE = "orderflow.sandbox.partnerCall";

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Journal journal;
    private final String partner;
    private final String operation;
    private final @Nullable String idempotencyKey;
    private @Nullable UUID orderId;
    private boolean journalled;

    PartnerCall(Journal journal, String partner, String operation, @Nullable String idempotencyKey) {
        this.journal = journal;
        this.partner = partner;
        this.operation = operation;
        this.idempotencyKey = idempotencyKey;
    }

    /** The order this call is about, as far as the partner knows it. */
    public PartnerCall orderId(@Nullable UUID value) {
        this.orderId = value;
        return this;
    }

    /**
     * Runs the partner's decision and journals it with the status it will answer, refusals included; then runs
     * {@code beforeAnswering} (where a held answer waits) and only then answers.
     */
    public <T> T decide(Supplier<T> decision, Runnable beforeAnswering) {
        T answer;
        try {
            answer = decision.get();
        } catch (ErrorResponseException refusal) {
            journal(refusal.getStatusCode().value());
            beforeAnswering.run();
            throw refusal;
        }
        journal(HttpStatus.OK.value());
        beforeAnswering.run();
        return answer;
    }

    /** Journals a call the partner never decided, with the status it was answered. */
    void answered(int status) {
        if (!journalled) {
            journal(status);
        }
    }

    private void journal(int status) {
        journalled = true;
        journal.record(partner, operation, orderId, idempotencyKey, status);
    }
}
