package dev.orderflow.web.security;

/**
 * The OAuth2 scopes of the Orderflow APIs (SECURITY.md). A token's {@code scope} claim becomes authorities named
 * {@code SCOPE_<scope>}.
 */
public final class Scopes {

    /** Place and cancel orders. */
    public static final String ORDERS_WRITE = "orders:write";

    /** Read orders and the catalog. */
    public static final String ORDERS_READ = "orders:read";

    /** Catalog and stock writes, dead letters and compensation incidents. */
    public static final String ORDERS_ADMIN = "orders:admin";

    /** The operators' read APIs: payments, shipments, notifications; and reading the catalog. */
    public static final String OPS_READ = "ops:read";

    private Scopes() {}

    /** The authority a token with this scope holds. */
    public static String authority(String scope) {
        return "SCOPE_" + scope;
    }
}
