package dev.orderflow.order.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Each SKU appears on one line of an order only: quantities are summed by the customer, not by us. */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DistinctSkus.Validator.class)
@interface DistinctSkus {

    String message() default "must not list the same SKU on two lines";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<DistinctSkus, List<PlaceOrderRequest.Line>> {

        @Override
        public boolean isValid(List<PlaceOrderRequest.Line> lines, ConstraintValidatorContext context) {
            if (lines == null) {
                return true;
            }
            Set<String> seen = new HashSet<>();
            return lines.stream()
                    .filter(Objects::nonNull)
                    .map(PlaceOrderRequest.Line::sku)
                    .filter(Objects::nonNull)
                    .allMatch(seen::add);
        }
    }
}
