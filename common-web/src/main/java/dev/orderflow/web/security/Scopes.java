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

    /**
     * The backend grant: a token with this scope acts for any customer it names, as a shop backend or an operator does;
     * every other token acts only for the customer that is its subject. Nothing else makes a token a backend (ADR
     * 0016): not its subject, not its client id.
     */
    public static final String ORDERS_ANY_CUSTOMER = "orders:any-customer";

    /** The operators' read APIs: payments, shipments, notifications; and reading the catalog. */
    public static final String OPS_READ = "ops:read";

    private Scopes() {}

    /** The authority a token with this scope holds. */
    public static String authority(String scope) {
        return "SCOPE_" + scope;
    }
}
