package dev.orderflow.testsupport;

import java.util.Locale;

/** Which implementation backs the shared Kafka and PostgreSQL, chosen by the {@code orderflow.test.infra} property. */
enum InfrastructureMode {
    EMBEDDED,
    CONTAINERS;

    static InfrastructureMode current() {
        String value = System.getProperty(OrderflowTestProperties.INFRA, "").trim();
        // The parent POM always passes the property to Surefire, as an empty string when it is not set.
        if (value.isEmpty()) {
            return EMBEDDED;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "embedded" -> EMBEDDED;
            case "containers" -> CONTAINERS;
            default ->
                throw new IllegalArgumentException("Unknown -D%s=%s: use 'embedded' (default) or 'containers'"
                        .formatted(OrderflowTestProperties.INFRA, value));
        };
    }
}
