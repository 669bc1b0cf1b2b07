package dev.orderflow.notification;

enum NotificationStatus {
    /** Not yet delivered: its partner work is due, in flight, or waiting to be retried. */
    PENDING,
    /** Delivered; never delivered again. */
    SENT
}
