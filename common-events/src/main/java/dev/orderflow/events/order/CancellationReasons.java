package dev.orderflow.events.order;

/** The reasons an order is cancelled, as they appear in {@link OrderCancelled#reason()}. */
public final class CancellationReasons {

    public static final String OUT_OF_STOCK = "OUT_OF_STOCK";
    public static final String UNKNOWN_PRODUCT = "UNKNOWN_PRODUCT";
    public static final String PAYMENT_DECLINED = "PAYMENT_DECLINED";
    public static final String SHIPPING_FAILED = "SHIPPING_FAILED";
    public static final String CUSTOMER_CANCELLED = "CUSTOMER_CANCELLED";
    public static final String TIMED_OUT = "TIMED_OUT";

    private CancellationReasons() {}
}
