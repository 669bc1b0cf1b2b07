package dev.orderflow.messaging.autoconfigure;

import dev.orderflow.web.OrderflowDefaults;

/**
 * common-messaging's defaults ({@code orderflow-messaging-defaults.properties}): partner-call resilience, health groups,
 * shutdown phases, metrics, traces and JSON logs.
 */
public final class MessagingDefaults extends OrderflowDefaults {

    public MessagingDefaults() {
        super("orderflow-messaging-defaults.properties");
    }
}
