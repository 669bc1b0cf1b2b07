package dev.orderflow.notification;

import dev.orderflow.messaging.partner.PartnerCalls;
import dev.orderflow.messaging.partner.PartnerException;
import dev.orderflow.messaging.partner.PartnerUnavailable;

/**
 * A way of telling the customer, called by partner work. Delivery may be repeated (at least once), always with the
 * same message id.
 */
interface NotificationChannel {

    /** The name used in {@code orderflow.notifications.channels} and stored with each notification. */
    String name();

    /** The guard of what this channel calls; partner work takes a channel's notifications only while it has room. */
    PartnerCalls partner();

    /**
     * Delivers one notification through {@code permit}.
     *
     * @throws PartnerUnavailable when it could not be delivered now (dispatched or not); partner work retries it
     * @throws PartnerException when the receiver refused it
     */
    void deliver(Delivery delivery, PartnerCalls.Permit permit);

    /** Fails at start-up when the channel is enabled but lacks settings it needs. */
    default void requireConfigured() {}
}
