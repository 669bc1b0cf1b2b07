package dev.orderflow.messaging.inbox;

import dev.orderflow.events.DeadLetterHeaders.Reason;
import dev.orderflow.events.InvalidEnvelopeException;
import dev.orderflow.events.InvalidPayloadException;
import dev.orderflow.events.WrongProducerException;
import dev.orderflow.messaging.TransientFailure;
import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.IncorrectUpdateSemanticsDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.TypeMismatchDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionTimedOutException;

/**
 * Sorts consumer failures as SPEC §5 says: transient ones are retried until they pass and never dead-lettered; invalid
 * input is dead-lettered at once; anything else gets a few retries, then the dead-letter topic. A failure of the
 * database or the broker is transient unless it is certainly a data or code error (ADR 0014): dead-lettering what an
 * outage caused would leave an order's compensation waiting for an operator.
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

    /**
     * Invalid input is invalid wherever it is in the chain; a handler's explicit {@link TransientFailure} is transient.
     * Then the database's SQLSTATE decides when there is one; then a failure of the database or the broker is
     * transient unless its type certainly names a data or code error; anything else is unexpected.
     */
    public static Kind classify(Throwable failure) {
        if (any(failure, t -> t instanceof InvalidEnvelopeException || t instanceof InvalidPayloadException)) {
            return Kind.INVALID;
        }
        if (any(failure, t -> t instanceof TransientFailure)) {
            return Kind.TRANSIENT;
        }
        String state = sqlState(failure);
        if (state != null) {
            return SqlStates.isDataOrCodeError(state) ? Kind.UNEXPECTED : Kind.TRANSIENT;
        }
        if (any(failure, FailureClassifier::isDataOrCodeError)) {
            return Kind.UNEXPECTED;
        }
        return any(failure, FailureClassifier::isInfrastructure) ? Kind.TRANSIENT : Kind.UNEXPECTED;
    }

    /** The dead-letter reason of a failure that is not transient. */
    public static Reason deadLetterReason(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof WrongProducerException) {
                return Reason.WRONG_PRODUCER;
            }
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

    /** The first SQLSTATE in the chain: the database's own word on what went wrong. */
    private static @Nullable String sqlState(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /**
     * Failures of the database or the broker that carry no SQLSTATE but certainly name a data or code error: a
     * constraint Spring Data or the JDBC template checked itself, a query that found a number of rows the code did not
     * expect, a value the mapping could not convert, an invalid API use; a record the broker cannot take.
     */
    private static boolean isDataOrCodeError(Throwable t) {
        return t instanceof DataIntegrityViolationException
                || t instanceof DataRetrievalFailureException
                || t instanceof InvalidDataAccessApiUsageException
                || t instanceof InvalidDataAccessResourceUsageException
                || t instanceof TypeMismatchDataAccessException
                || t instanceof IncorrectUpdateSemanticsDataAccessException
                || t instanceof SerializationException
                || t instanceof RecordTooLargeException
                || t instanceof RecordBatchTooLargeException
                || t instanceof InvalidTopicException
                || t instanceof ConfigException;
    }

    /**
     * Anything else from the database (through JDBC, the pool or Spring's data access and transaction layers), the
     * broker, or the network: it passes without a change to the record. A commit or rollback that could not complete
     * (the pool's closed-connection proxy says so with no SQLSTATE) committed nothing, so a retry is safe.
     */
    private static boolean isInfrastructure(Throwable t) {
        return t instanceof SQLException
                || t instanceof DataAccessException
                || t instanceof CannotCreateTransactionException
                || t instanceof TransactionTimedOutException
                || t instanceof TransactionSystemException
                || t instanceof org.apache.kafka.common.KafkaException
                || t instanceof TimeoutException
                || t instanceof IOException;
    }

    private static boolean any(Throwable failure, Predicate<Throwable> test) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }
}
