package dev.orderflow.messaging.outbox;

import dev.orderflow.messaging.tracing.TraceContextPropagation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Sends a batch of rows through an idempotent producer and waits for the acknowledgements. Rows of different keys go
 * out at once; a row is handed to the producer only once the previous row of its key in the batch was acknowledged, so
 * a row that fails (a batch expired after the delivery time-out, say) is never overtaken by a later row of its key: the
 * rest of that key waits for the next fetch. Nothing is sent once the relay's lease has run out.
 */
final class OutboxPublisher {

    /** How long a wait for an acknowledgement lasts before the relay's lease is looked after. */
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final KafkaTemplate<String, byte[]> template;
    private final TraceContextPropagation tracing;
    private final Duration sendTimeout;

    OutboxPublisher(KafkaTemplate<String, byte[]> template, TraceContextPropagation tracing, Duration sendTimeout) {
        this.template = template;
        this.tracing = tracing;
        this.sendTimeout = sendTimeout;
    }

    /** The relay's lease as the publisher looks after it: before every send and while it waits for acknowledgements. */
    @FunctionalInterface
    interface Leadership {

        /** Renews the lease if that is due (cheap otherwise); false once it ran out or was taken over: send nothing. */
        boolean keep();
    }

    /**
     * @param published the rows Kafka acknowledged, each after every earlier row of its key in the batch
     * @param failure why the rest were not published, if a send failed
     * @param leadershipLost whether sending stopped because the lease ran out or was lost
     */
    record Result(List<OutboxRow> published, @Nullable Throwable failure, boolean leadershipLost) {}

    Result publish(List<OutboxRow> rows, Leadership leadership) {
        return new Batch(leadership).publish(rows);
    }

    private record InFlight(OutboxRow row, CompletableFuture<SendResult<String, byte[]>> ack) {}

    /**
     * One batch's state: what is in flight and, per key, the rows waiting for the previous one (null while none waits,
     * the common case: most fetches hold one row per key).
     */
    private final class Batch {

        private final Leadership leadership;
        private final long deadline = System.nanoTime() + sendTimeout.toNanos();
        private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
        private final Map<String, @Nullable ArrayDeque<OutboxRow>> waiting = new HashMap<>();
        private final List<OutboxRow> published = new ArrayList<>();
        private @Nullable Throwable failure;
        private boolean leadershipLost;
        private boolean stopped;

        Batch(Leadership leadership) {
            this.leadership = leadership;
        }

        Result publish(List<OutboxRow> rows) {
            for (OutboxRow row : rows) {
                if (waiting.containsKey(row.key())) {
                    waiting.computeIfAbsent(row.key(), key -> new ArrayDeque<>())
                            .add(row);
                } else {
                    // The first row of its key: out at once, with no queue behind it unless another row comes.
                    waiting.put(row.key(), null);
                    send(row);
                }
            }
            while (!inFlight.isEmpty() && !leadershipLost) {
                InFlight next = inFlight.poll();
                Throwable failed = await(next.ack());
                if (leadershipLost) {
                    break;
                }
                ArrayDeque<OutboxRow> behind = waiting.get(next.row().key());
                if (failed == null) {
                    published.add(next.row());
                    OutboxRow successor = behind == null ? null : behind.poll();
                    if (successor != null) {
                        send(successor);
                    }
                } else {
                    // Never past a failed row: the rest of its key waits for the next fetch, behind it.
                    failure = failed;
                    if (behind != null) {
                        behind.clear();
                    }
                }
            }
            return new Result(published, failure, leadershipLost);
        }

        private void send(OutboxRow row) {
            if (stopped) {
                return;
            }
            if (!leadership.keep()) {
                stopped = true;
                leadershipLost = true;
                return;
            }
            try (TraceContextPropagation.Scope scope = tracing.restore(row.traceContext(), row.key())) {
                inFlight.add(new InFlight(row, template.send(record(row, scope.headersToSend()))));
            } catch (RuntimeException e) {
                // Kafka is unreachable (metadata wait timed out) or the producer is closed: send nothing more.
                stopped = true;
                failure = e;
            }
        }

        /** The acknowledgement's failure, or null once it is acknowledged; looks after the lease while it waits. */
        private @Nullable Throwable await(CompletableFuture<SendResult<String, byte[]>> ack) {
            while (true) {
                long left = deadline - System.nanoTime();
                try {
                    ack.get(Math.max(0, Math.min(left, WAIT_SLICE_NANOS)), TimeUnit.NANOSECONDS);
                    return null;
                } catch (ExecutionException e) {
                    return e.getCause();
                } catch (TimeoutException e) {
                    if (left <= WAIT_SLICE_NANOS) {
                        return e;
                    }
                    if (!leadership.keep()) {
                        stopped = true;
                        leadershipLost = true;
                        return e;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = true;
                    return e;
                }
            }
        }
    }

    private static ProducerRecord<String, byte[]> record(OutboxRow row, Map<String, String> traceHeaders) {
        RecordHeaders headers = new RecordHeaders();
        row.envelope().toHeaders().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        traceHeaders.forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(row.topic(), null, null, row.key(), row.payload(), headers);
    }
}
