package dev.orderflow.sandbox.journal;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A partner API whose requests name their order in the path, directly (a cancellation) or through a resource of the
 * partner's (a refund names its charge). Asked before the request's headers and body are checked, so a request refused
 * for them is still journalled under its order.
 */
public interface OrderInPath {

    /** The order the path names, or null if it names none the partner knows. */
    @Nullable
    UUID orderOf(Map<String, String> pathVariables);

    /** A path variable as a UUID, or null if it is absent or not one. */
    static @Nullable UUID uuid(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
