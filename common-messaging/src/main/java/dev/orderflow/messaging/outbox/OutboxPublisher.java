package dev.orderflow.messaging.outbox;

import dev.orderflow.messaging.tracing.TraceContextPropagation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Sends a batch of rows asynchronously through an idempotent producer and waits for the acknowledgements. A row counts
 * as published only if it and every earlier row of the same key were acknowledged, so a failed row is retried together
 * with the rows of its key that follow it.
 */
final class OutboxPublisher {

    private final KafkaTemplate<String, byte[]> template;
    private final TraceContextPropagation tracing;
    private final Duration sendTimeout;

    OutboxPublisher(KafkaTemplate<String, byte[]> template, TraceContextPropagation tracing, Duration sendTimeout) {
        this.template = template;
        this.tracing = tracing;
        this.sendTimeout = sendTimeout;
    }

    record Result(List<OutboxRow> published, @Nullable Throwable failure) {}

    Result publish(List<OutboxRow> rows) {
        List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(rows.size());
        Throwable failure = null;
        for (OutboxRow row : rows) {
            try (TraceContextPropagation.Scope scope = tracing.restore(row.traceContext(), row.key())) {
                sends.add(template.send(record(row, scope.headersToSend())));
            } catch (RuntimeException e) {
                // Kafka is unreachable (metadata wait timed out) or the producer is closed: stop sending this batch.
                failure = e;
                break;
            }
        }
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        Set<String> failedKeys = new HashSet<>();
        List<OutboxRow> published = new ArrayList<>(sends.size());
        for (int i = 0; i < sends.size(); i++) {
            OutboxRow row = rows.get(i);
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (!failedKeys.contains(row.key())) {
                    published.add(row);
                }
            } catch (ExecutionException | TimeoutException e) {
                failedKeys.add(row.key());
                failure = e instanceof ExecutionException ? e.getCause() : e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failedKeys.add(row.key());
                failure = e;
            }
        }
        return new Result(published, failure);
    }

    private static ProducerRecord<String, byte[]> record(OutboxRow row, Map<String, String> traceHeaders) {
        RecordHeaders headers = new RecordHeaders();
        row.envelope().toHeaders().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        traceHeaders.forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(row.topic(), null, null, row.key(), row.payload(), headers);
    }
}
