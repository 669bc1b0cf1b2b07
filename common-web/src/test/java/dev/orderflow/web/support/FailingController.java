package dev.orderflow.web.support;

import dev.orderflow.web.limits.TooManyRequestsException;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints that fail in each way an API can, for the problem-details tests. */
@RestController
@RequestMapping("/api/test")
class FailingController {

    enum Color {
        RED,
        GREEN
    }

    @Distinct
    record Line(@NotBlank String sku, @Min(1) int quantity, String other) {}

    @PostMapping("/lines")
    Line line(@Valid @RequestBody Line line) {
        return line;
    }

    @PutMapping("/skus/{sku}")
    Line sku(@PathVariable @Pattern(regexp = "[A-Z]+") String sku, @Valid @RequestBody Line line) {
        return line;
    }

    @GetMapping("/pages")
    int page(@RequestParam @Min(1) int size) {
        return size;
    }

    @GetMapping("/items/{id}")
    UUID item(@PathVariable UUID id) {
        return id;
    }

    @GetMapping("/echo/{word}")
    Map<String, String> echo(@PathVariable String word, @RequestParam(defaultValue = "") String text) {
        return Map.of("echo", word + text);
    }

    @GetMapping("/colors")
    Color color(@RequestParam Color color) {
        return color;
    }

    @GetMapping("/busy")
    void busy() {
        throw new TooManyRequestsException("Busy; retry shortly", Duration.ofMillis(1500));
    }

    @GetMapping("/database")
    void database() {
        throw new DataAccessResourceFailureException("connection refused to db.internal:5432");
    }

    @GetMapping("/bug")
    void bug() {
        throw new IllegalStateException("secret internals");
    }

    /** A rule of the whole body: {@code other} must differ from {@code sku}. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = Distinct.Validator.class)
    @interface Distinct {
        String message() default "other must differ from sku";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Validator implements ConstraintValidator<Distinct, Line> {
            @Override
            public boolean isValid(Line line, ConstraintValidatorContext context) {
                return line.other() == null || !line.other().equals(line.sku());
            }
        }
    }
}
