package dev.orderflow.messaging.inbox;

import dev.orderflow.events.DeadLetterHeaders.Reason;
import dev.orderflow.events.InvalidEnvelopeException;
import dev.orderflow.events.InvalidPayloadException;
import dev.orderflow.messaging.TransientFailure;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionTimedOutException;

/**
 * Sorts consumer failures as SPEC §5 says: transient ones are retried until they pass and never dead-lettered; invalid
 * input is dead-lettered at once; anything else gets a few retries, then the dead-letter topic.
 */
public final class FailureClassifier {

    /** What to do with a failure. */
    public enum Kind {
        TRANSIENT,
        INVALID,
        UNEXPECTED
    }

    private static final int MAX_CAUSE_DEPTH = 16;

    private FailureClassifier() {}

    public static Kind classify(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof InvalidEnvelopeException || t instanceof InvalidPayloadException) {
                return Kind.INVALID;
            }
            if (isTransient(t)) {
                return Kind.TRANSIENT;
            }
        }
        return Kind.UNEXPECTED;
    }

    /** The dead-letter reason of a failure that is not transient. */
    public static Reason deadLetterReason(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof InvalidEnvelopeException) {
                return Reason.UNREADABLE;
            }
            if (t instanceof InvalidPayloadException) {
                return Reason.INVALID_PAYLOAD;
            }
        }
        return Reason.HANDLER_FAILED;
    }

    /** The innermost message worth showing an operator; exception messages here never carry payload values. */
    public static String detail(Throwable failure) {
        Throwable t = failure;
        Throwable chosen = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof InvalidEnvelopeException || t instanceof InvalidPayloadException) {
                chosen = t;
                break;
            }
            chosen = t;
        }
        String message = chosen.getMessage();
        String text = chosen.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private static boolean isTransient(Throwable t) {
        return t instanceof TransientFailure
                || t instanceof TransientDataAccessException
                || t instanceof DataAccessResourceFailureException
                || t instanceof PessimisticLockingFailureException
                || t instanceof CannotCreateTransactionException
                || t instanceof TransactionTimedOutException
                // Commit or rollback could not complete (the pool's closed-connection proxy says so with no SQLSTATE):
                // nothing was committed, and retrying once the database is back is safe.
                || t instanceof TransactionSystemException
                || t instanceof SQLTransientException
                || t instanceof RetriableException
                || t instanceof TimeoutException
                || t instanceof IOException
                || (t instanceof SQLException sql && isTransientSqlState(sql.getSQLState()));
    }

    /**
     * Connection failures (class 08), server shutdown (57P), resource exhaustion (53) and serialization or deadlock
     * aborts (40001, 40P01): a closed pooled connection reports 08003 with no cause to recognise it by.
     */
    private static boolean isTransientSqlState(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.startsWith("57P")
                        || state.startsWith("53")
                        || state.equals("40001")
                        || state.equals("40P01"));
    }
}
