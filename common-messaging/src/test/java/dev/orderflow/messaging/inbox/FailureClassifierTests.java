package dev.orderflow.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.DeadLetterHeaders.Reason;
import dev.orderflow.events.InvalidEnvelopeException;
import dev.orderflow.events.InvalidPayloadException;
import dev.orderflow.messaging.TransientFailure;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class FailureClassifierTests {

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

    private static Exception wrapped(Exception cause) {
        return new ListenerExecutionFailedException("Listener failed", cause);
    }
}
