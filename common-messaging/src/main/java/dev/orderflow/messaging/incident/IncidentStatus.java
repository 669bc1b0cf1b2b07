package dev.orderflow.messaging.incident;

/** An incident is open while its compensation still fails, resolved once it succeeded. */
public enum IncidentStatus {
    OPEN,
    RESOLVED
}
