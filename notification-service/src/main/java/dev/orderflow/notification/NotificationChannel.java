package dev.orderflow.notification;

/** A way of telling the customer. Delivery may be repeated (at least once), always with the same message id. */
interface NotificationChannel {

    /** The name used in {@code orderflow.notifications.channels} and stored with each notification. */
    String name();

    /**
     * Delivers one notification.
     *
     * @throws RuntimeException when it was not delivered; the dispatcher retries it later
     */
    void deliver(Notification notification);

    /** Fails at start-up when the channel is enabled but lacks settings it needs. */
    default void requireConfigured() {}

    /** Whether deliveries are worth attempting now; false while the channel's circuit is open (nothing is claimed). */
    default boolean acceptsDeliveries() {
        return true;
    }
}
