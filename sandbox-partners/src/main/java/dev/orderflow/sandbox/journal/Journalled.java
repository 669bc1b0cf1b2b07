package dev.orderflow.sandbox.journal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a partner's business endpoint: every request to it is journalled, also when it is refused before the method
 * runs (an invalid body, a missing header). The method receives its {@link PartnerCall} as a request attribute.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Journalled {

    /** {@code provider} or {@code carrier}. */
    String partner();

    /** {@code charge}, {@code refund}, {@code book} or {@code cancel}. */
    String operation();
}
