package dev.orderflow.messaging.inbox;

import dev.orderflow.events.DeadLetterHeaders;
import dev.orderflow.events.DeadLetterHeaders.Reason;
import dev.orderflow.events.Topics;
import dev.orderflow.messaging.MessagingProperties;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * spring-kafka's blocking error handling, classified: transient failures back off exponentially (capped) for as long as
 * they last; invalid input goes to the group's dead-letter topic at once; other failures get a few retries first. Retry
 * topics are not used: they would let a later event of an order overtake an earlier one.
 */
public final class ConsumerErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(ConsumerErrorHandling.class);

    private ConsumerErrorHandling() {}

    public static DefaultErrorHandler create(
            String group,
            KafkaOperations<String, byte[]> deadLetterTemplate,
            MessagingProperties.Consumer settings,
            ConsumerMetrics metrics) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(
                deadLetterTemplate,
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic(), group), -1));
        publisher.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
        publisher.addHeadersFunction((record, failure) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(
                    DeadLetterHeaders.REASON,
                    bytes(FailureClassifier.deadLetterReason(failure).name()));
            headers.add(DeadLetterHeaders.DETAIL, bytes(FailureClassifier.detail(failure)));
            headers.add(DeadLetterHeaders.GROUP, bytes(group));
            return headers;
        });
        ConsumerAwareRecordRecoverer recoverer = (record, consumer, failure) -> {
            Reason reason = FailureClassifier.deadLetterReason(failure);
            log.warn(
                    "Dead-lettering record {}-{}@{} of group {} ({}): {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    group,
                    reason,
                    FailureClassifier.detail(failure));
            publisher.accept(record, consumer, failure);
            metrics.deadLettered(record.topic(), group, reason.name());
        };

        BackOff unexpected =
                new FixedBackOff(settings.unexpectedFailureBackoff().toMillis(), settings.unexpectedFailureRetries());
        ExponentialBackOff transientBackOff =
                new ExponentialBackOff(settings.transientBackoffInitial().toMillis(), 2.0);
        transientBackOff.setMaxInterval(settings.transientBackoffMax().toMillis());

        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, unexpected);
        handler.setBackOffFunction((record, failure) -> switch (FailureClassifier.classify(failure)) {
            case TRANSIENT -> transientBackOff;
            case INVALID, UNEXPECTED -> unexpected;
        });
        handler.addNotRetryableExceptions(
                dev.orderflow.events.InvalidEnvelopeException.class,
                dev.orderflow.events.InvalidPayloadException.class);
        handler.setCommitRecovered(true);
        // A batch listener's failure makes the handler seek back and re-poll by throwing; the retry listener below logs
        // each failure once, so that throw is no error of its own.
        handler.setLogLevel(KafkaException.Level.DEBUG);
        handler.setRetryListeners((record, failure, deliveryAttempt) -> {
            FailureClassifier.Kind kind = FailureClassifier.classify(failure);
            log.warn(
                    "Handling record {}-{}@{} of group {} failed (attempt {}, {}): {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    group,
                    deliveryAttempt,
                    kind,
                    FailureClassifier.detail(failure));
            metrics.failed(group, kind);
        });
        return handler;
    }

    /**
     * Error handling of the dead-letter recorders: they only copy records into this service's database, so they wait
     * out a database outage and log (never re-dead-letter) anything else after a few retries.
     */
    public static DefaultErrorHandler forRecorder(MessagingProperties.Consumer settings) {
        BackOff unexpected =
                new FixedBackOff(settings.unexpectedFailureBackoff().toMillis(), settings.unexpectedFailureRetries());
        ExponentialBackOff transientBackOff =
                new ExponentialBackOff(settings.transientBackoffInitial().toMillis(), 2.0);
        transientBackOff.setMaxInterval(settings.transientBackoffMax().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (record, failure) -> log.error(
                        "Could not record dead letter {}-{}@{}: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        FailureClassifier.detail(failure)),
                unexpected);
        handler.setBackOffFunction(
                (record, failure) -> FailureClassifier.classify(failure) == FailureClassifier.Kind.TRANSIENT
                        ? transientBackOff
                        : unexpected);
        return handler;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
