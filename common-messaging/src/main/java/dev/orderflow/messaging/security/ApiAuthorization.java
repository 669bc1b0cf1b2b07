package dev.orderflow.messaging.security;

/**
 * Moved to common-web.
 *
 * @deprecated use {@link dev.orderflow.web.security.ApiAuthorization}; kept only until payment-service imports it from
 *     there.
 */
@Deprecated(forRemoval = true)
@FunctionalInterface
public interface ApiAuthorization extends dev.orderflow.web.security.ApiAuthorization {}
