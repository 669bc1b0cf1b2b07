package dev.orderflow.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.DeadLetterHeaders.Reason;
import dev.orderflow.events.InvalidEnvelopeException;
import dev.orderflow.events.InvalidPayloadException;
import dev.orderflow.events.WrongProducerException;
import dev.orderflow.messaging.TransientFailure;
import java.net.ConnectException;
import java.sql.SQLException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.UnexpectedRollbackException;

/** SPEC §5 and ADR 0014: only what is certainly a data or code error is ever dead-lettered. */
class FailureClassifierTests {

    /** Conditions the database's state, the network or an operator causes: the same record passes later. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "08000",
                "08001",
                "08003",
                "08006",
                "08P01", // connection lost or refused
                "0A000", // cached plan must not change result type: an expand migration under a prepared statement
                "25006", // read-only transaction: a standby, or a demoted primary after a failover or switchover
                "25P03",
                "25P04", // the server ended an idle or overlong transaction
                "26000", // prepared statement gone (a pooler or DISCARD ALL): the driver prepares it again
                "28000",
                "28P01", // authentication refused: credentials rotated under the pool
                "3D000", // database missing: a deployment or restore in progress
                "40001",
                "40P01",
                "40003", // serialization failure, deadlock, completion unknown
                "42501", // insufficient privilege: a grant an operator adds
                "53000",
                "53100",
                "53200",
                "53300", // out of disk, memory or connections
                "55000",
                "55006",
                "55P03", // object in use, lock not available
                "57014",
                "57P01",
                "57P02",
                "57P03",
                "57P04",
                "57P05", // cancelled, shut down, starting up
                "58000",
                "58030", // system and I/O errors
                "72000", // snapshot too old
                "F0000",
                "HV000", // server configuration, foreign data wrapper
                "XX000",
                "XX001",
                "XX002", // internal error, corrupted data or index
                "ZZ999" // a state this version does not know
            })
    void everySqlStateThatIsNotCertainlyADataOrCodeErrorIsTransient(String state) {
        Exception failure = wrapped(new UncategorizedSQLException("apply event", "update", sql(state)));

        assertThat(FailureClassifier.classify(failure)).isEqualTo(FailureClassifier.Kind.TRANSIENT);
    }

    /** Faults of the statement or of the data the record carried: running it again cannot succeed. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "0B000", // invalid transaction initiation
                "20000", // case not found
                "21000", // cardinality violation
                "22001",
                "22003",
                "22012",
                "22P02",
                "22007", // data exceptions
                "23502",
                "23503",
                "23505",
                "23514",
                "23P01", // integrity constraint violations
                "24000", // invalid cursor state
                "25001",
                "25P01",
                "25P02", // invalid transaction state (a transaction used after its own error)
                "27000", // triggered data change violation
                "2BP01",
                "2D000",
                "2F005", // dependent objects, transaction termination, routine without RETURN
                "34000",
                "38000",
                "39000",
                "3B001", // cursor name, external routines, savepoints
                "42601",
                "42703",
                "42P01",
                "42883",
                "42804", // syntax, undefined column, table or function, type
                "44000", // WITH CHECK OPTION violation
                "54000",
                "54001", // statement too complex
                "P0001",
                "P0002",
                "P0004" // RAISE, no data found, assertion in PL/pgSQL
            })
    void sqlStatesOfDataOrCodeErrorsAreUnexpected(String state) {
        Exception failure = wrapped(new UncategorizedSQLException("apply event", "update", sql(state)));

        assertThat(FailureClassifier.classify(failure)).isEqualTo(FailureClassifier.Kind.UNEXPECTED);
        assertThat(FailureClassifier.deadLetterReason(failure)).isEqualTo(Reason.HANDLER_FAILED);
    }

    @Test
    void theSqlStateDecidesWhateverTypeSpringTranslatedItTo() {
        // Spring's state-class fallback translates class 54 into a resource failure; PostgreSQL means a query too
        // large.
        Exception tooComplex = new DataAccessResourceFailureException("x", sql("54001"));
        Exception stalePlan = new InvalidDataAccessResourceUsageException("x", sql("0A000"));

        assertThat(FailureClassifier.classify(wrapped(tooComplex))).isEqualTo(FailureClassifier.Kind.UNEXPECTED);
        assertThat(FailureClassifier.classify(wrapped(stalePlan))).isEqualTo(FailureClassifier.Kind.TRANSIENT);
    }

    @Test
    void databaseFailuresWithoutASqlStateAreTransientUnlessTheirTypeNamesADataOrCodeError() {
        assertThat(FailureClassifier.classify(wrapped(new QueryTimeoutException("slow"))))
                .isEqualTo(FailureClassifier.Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(wrapped(new OptimisticLockingFailureException("concurrent update"))))
                .isEqualTo(FailureClassifier.Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(wrapped(new SQLException("I/O error"))))
                .isEqualTo(FailureClassifier.Kind.TRANSIENT);

        assertThat(FailureClassifier.classify(wrapped(new EmptyResultDataAccessException(1))))
                .isEqualTo(FailureClassifier.Kind.UNEXPECTED);
        assertThat(FailureClassifier.classify(wrapped(new DuplicateKeyException("checked by Spring Data"))))
                .isEqualTo(FailureClassifier.Kind.UNEXPECTED);
    }

    @Test
    void brokerFailuresAreTransientUnlessTheRecordItselfIsAtFault() {
        assertThat(FailureClassifier.classify(wrapped(new TopicAuthorizationException("ACL missing"))))
                .isEqualTo(FailureClassifier.Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(
                        wrapped(new org.apache.kafka.common.errors.TimeoutException("no broker"))))
                .isEqualTo(FailureClassifier.Kind.TRANSIENT);

        assertThat(FailureClassifier.classify(wrapped(new RecordTooLargeException("2 MB"))))
                .isEqualTo(FailureClassifier.Kind.UNEXPECTED);
        assertThat(FailureClassifier.classify(wrapped(new SerializationException("bad value"))))
                .isEqualTo(FailureClassifier.Kind.UNEXPECTED);
    }

    @Test
    void failuresOfTheServicesOwnCodeAreUnexpected() {
        assertThat(FailureClassifier.classify(wrapped(new NullPointerException())))
                .isEqualTo(FailureClassifier.Kind.UNEXPECTED);
        assertThat(FailureClassifier.classify(wrapped(new UnexpectedRollbackException("marked rollback-only"))))
                .isEqualTo(FailureClassifier.Kind.UNEXPECTED);
    }

    @Test
    void databaseAndPartnerOutagesAreTransientEvenWhenWrapped() {
        assertThat(FailureClassifier.classify(wrapped(new CannotGetJdbcConnectionException("down"))))
                .isEqualTo(FailureClassifier.Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(
                        wrapped(new CannotCreateTransactionException("down", new ConnectException("refused")))))
                .isEqualTo(FailureClassifier.Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(wrapped(new TransientFailure("partner unavailable"))))
                .isEqualTo(FailureClassifier.Kind.TRANSIENT);
    }

    @Test
    void aClosedConnectionIsTransientByItsSqlStateAlone() {
        Exception rollbackFailed = new TransactionSystemException(
                "Could not roll back JDBC transaction", new SQLException("This connection has been closed.", "08003"));

        assertThat(FailureClassifier.classify(wrapped(rollbackFailed))).isEqualTo(FailureClassifier.Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(wrapped(new SQLException("syntax error", "42601"))))
                .isEqualTo(FailureClassifier.Kind.UNEXPECTED);
    }

    @Test
    void rollbackThatFailsOnAConnectionThePoolAlreadyClosedIsTransient() {
        // HikariCP's closed-connection proxy throws a plain SQLException with no SQLSTATE.
        Exception rollbackFailed =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));

        assertThat(FailureClassifier.classify(wrapped(rollbackFailed))).isEqualTo(FailureClassifier.Kind.TRANSIENT);
    }

    @Test
    void unreadableRecordsAndInvalidPayloadsAreInvalidWithTheirOwnReason() {
        Exception unreadable = wrapped(new InvalidEnvelopeException("missing header ce_id"));
        Exception invalid = wrapped(new InvalidPayloadException("customerEmail must not be blank"));

        assertThat(FailureClassifier.classify(unreadable)).isEqualTo(FailureClassifier.Kind.INVALID);
        assertThat(FailureClassifier.deadLetterReason(unreadable)).isEqualTo(Reason.UNREADABLE);
        assertThat(FailureClassifier.classify(invalid)).isEqualTo(FailureClassifier.Kind.INVALID);
        assertThat(FailureClassifier.deadLetterReason(invalid)).isEqualTo(Reason.INVALID_PAYLOAD);
        assertThat(FailureClassifier.detail(invalid))
                .isEqualTo("InvalidPayloadException: customerEmail must not be blank");
    }

    @Test
    void recordsNotFromTheirTopicsProducerAreInvalidAndDeadLetteredAsWrongProducer() {
        Exception foreign = wrapped(
                new WrongProducerException("ce_source 'intruder' is not order-service, the producer of orders"));

        assertThat(FailureClassifier.classify(foreign)).isEqualTo(FailureClassifier.Kind.INVALID);
        assertThat(FailureClassifier.deadLetterReason(foreign)).isEqualTo(Reason.WRONG_PRODUCER);
        assertThat(FailureClassifier.detail(foreign))
                .isEqualTo("WrongProducerException: ce_source 'intruder' is not order-service, the producer of orders");
    }

    @Test
    void anythingElseIsUnexpectedAndDeadLetteredAsAHandlerFailure() {
        Exception bug = wrapped(new IllegalStateException("handler bug"));

        assertThat(FailureClassifier.classify(bug)).isEqualTo(FailureClassifier.Kind.UNEXPECTED);
        assertThat(FailureClassifier.deadLetterReason(bug)).isEqualTo(Reason.HANDLER_FAILED);
        assertThat(FailureClassifier.detail(bug)).isEqualTo("IllegalStateException: handler bug");
    }

    @Test
    void detailIsCappedSoAHugeMessageNeverFloodsHeaders() {
        assertThat(FailureClassifier.detail(new IllegalStateException("x".repeat(10_000))))
                .hasSize(500);
    }

    private static SQLException sql(String state) {
        return new SQLException("failed with " + state, state);
    }

    private static Exception wrapped(Exception cause) {
        return new ListenerExecutionFailedException("Listener failed", cause);
    }
}
