package dev.orderflow.events;

/** The services that publish saga events: each owns exactly one topic and names itself as {@code ce_source}. */
public enum Producer {
    ORDER("order-service", Topics.ORDERS),
    INVENTORY("inventory-service", Topics.INVENTORY),
    PAYMENT("payment-service", Topics.PAYMENTS),
    SHIPPING("shipping-service", Topics.SHIPPING);

    private final String source;
    private final String topicBaseName;

    Producer(String source, String topicBaseName) {
        this.source = source;
        this.topicBaseName = topicBaseName;
    }

    /** The CloudEvents {@code ce_source} of this producer's events. */
    public String source() {
        return source;
    }

    /** The topic name without the deployment's prefix. */
    public String topicBaseName() {
        return topicBaseName;
    }
}
