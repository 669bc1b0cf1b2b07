package dev.orderflow.messaging.security;

/**
 * Moved to common-web.
 *
 * @deprecated use {@link dev.orderflow.web.security.Scopes}; kept only until payment-service imports it from there.
 */
@Deprecated(forRemoval = true)
public final class Scopes {

    public static final String OPS_READ = dev.orderflow.web.security.Scopes.OPS_READ;

    private Scopes() {}

    public static String authority(String scope) {
        return dev.orderflow.web.security.Scopes.authority(scope);
    }
}
