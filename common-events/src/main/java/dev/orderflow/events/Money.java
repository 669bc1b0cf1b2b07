package dev.orderflow.events;

/** Money on the wire is a decimal string plus an ISO-4217 currency code. */
public final class Money {

    public static final String CURRENCY_PATTERN = "[A-Z]{3}";

    private Money() {}
}
