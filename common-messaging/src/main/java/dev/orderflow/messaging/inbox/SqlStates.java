package dev.orderflow.messaging.inbox;

import java.util.Set;

/**
 * PostgreSQL's SQLSTATEs (appendix A of its manual), sorted by whether the failure is certainly the fault of the
 * statement or of the data it was given, so that running the same record again cannot succeed. Everything else (a lost
 * connection, a read-only or failing-over server, a stale cached plan, a timeout, resource exhaustion, a server fault)
 * passes without a change to the record. ADR 0014 gives the reasoning per class.
 */
final class SqlStates {

    /** Classes whose conditions are, all but the ones below, faults of the statement or of its data. */
    private static final Set<String> DATA_OR_CODE_CLASSES = Set.of(
            "0B", // invalid transaction initiation
            "20", // case not found
            "21", // cardinality violation
            "22", // data exception
            "23", // integrity constraint violation
            "24", // invalid cursor state
            "25", // invalid transaction state
            "27", // triggered data change violation
            "2B", // dependent privilege descriptors still exist
            "2D", // invalid transaction termination
            "2F", // SQL routine exception
            "34", // invalid cursor name
            "38", // external routine exception
            "39", // external routine invocation exception
            "3B", // savepoint exception
            "42", // syntax error or access rule violation
            "44", // WITH CHECK OPTION violation
            "54", // program limit exceeded
            "P0"); // PL/pgSQL error (RAISE in a function or trigger)

    /** Conditions in those classes that the server's state or an operator's configuration causes, not the record. */
    private static final Set<String> INFRASTRUCTURE_STATES = Set.of(
            "25006", // read-only SQL transaction: a standby, or a primary that was just demoted
            "25P03", // idle-in-transaction session timeout: the server ended the session
            "25P04", // transaction timeout (PostgreSQL 17)
            "42501"); // insufficient privilege: a grant is missing; the record passes once an operator adds it

    private SqlStates() {}

    /** Whether the state certainly names a data or code error; {@code false} for anything else, unknown states too. */
    static boolean isDataOrCodeError(String state) {
        return state.length() == 5
                && DATA_OR_CODE_CLASSES.contains(state.substring(0, 2))
                && !INFRASTRUCTURE_STATES.contains(state);
    }
}
