package dev.orderflow.events;

import java.util.Set;

/** Payload fields that hold personal data: never logged or used as metric labels, masked in dead-letter views. */
public final class PersonalData {

    public static final Set<String> FIELDS = Set.of("customerEmail", "shippingAddress");

    public static final String MASK = "***";

    private PersonalData() {}
}
