package dev.orderflow.notification;

/** How the order ended, as told to the customer. */
enum Outcome {
    /** OrderCompleted. */
    CONFIRMED,
    /** OrderCancelled, with its reason. */
    CANCELLED
}
