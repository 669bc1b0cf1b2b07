package dev.orderflow.events;

/** Headers Orderflow adds to a dead-lettered record, beside spring-kafka's {@code kafka_dlt-*} headers. */
public final class DeadLetterHeaders {

    /** Why the record was dead-lettered: one of {@link Reason}. */
    public static final String REASON = "orderflow_dlt_reason";

    /** A short, personal-data-free description of the failure. */
    public static final String DETAIL = "orderflow_dlt_detail";

    /** The consumer group that failed; only this group's handler sees the replay. */
    public static final String GROUP = "orderflow_dlt_group";

    /** The classification of a dead letter. */
    public enum Reason {
        /** Not an Orderflow event: headers missing or malformed, no payload. */
        UNREADABLE,
        /** A handled type whose payload cannot be read or breaks the contract. */
        INVALID_PAYLOAD,
        /**
         * Not published by its topic's producer: another {@code ce_source}, or another producer's event type (SPEC §5,
         * provenance). Alerted on as a possible forgery (EventProvenanceViolated).
         */
        WRONG_PRODUCER,
        /** The handler kept failing with an unexpected exception after its retries. */
        HANDLER_FAILED
    }

    private DeadLetterHeaders() {}
}
