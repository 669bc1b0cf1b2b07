package dev.orderflow.events;

import java.util.List;

/** Kafka header names of the CloudEvents 1.0 binary-mode envelope plus the W3C trace context. */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CORRELATION_ID = "ce_correlationid";
    public static final String CAUSATION_ID = "ce_causationid";
    public static final String CONTENT_TYPE = "content-type";

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    /** The envelope headers every Orderflow event carries (trace context comes on top when there is one). */
    public static final List<String> ENVELOPE =
            List.of(SPEC_VERSION, ID, TYPE, SOURCE, TIME, SUBJECT, CORRELATION_ID, CAUSATION_ID, CONTENT_TYPE);

    private CloudEventHeaders() {}
}
