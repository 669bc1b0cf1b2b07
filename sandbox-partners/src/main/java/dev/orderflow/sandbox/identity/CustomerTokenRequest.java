package dev.orderflow.sandbox.identity;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Who the sandbox logs in: any customer id of 1 to 64 letters, digits, dots, underscores or hyphens. */
record CustomerTokenRequest(
        @NotNull @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+")
        String customerId) {}
