package dev.orderflow.notification;

enum NotificationStatus {
    /** Not yet delivered: waiting for the dispatcher, being delivered, or waiting to be retried. */
    PENDING,
    /** Delivered; never delivered again. */
    SENT
}
