package dev.orderflow.events;

/** The shape of a stock-keeping unit code, shared by the API and the event contracts. */
public final class Skus {

    public static final String PATTERN = "[A-Z0-9-]{1,64}";

    private Skus() {}
}
