package dev.orderflow.messaging.outbox;

import dev.orderflow.events.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.springframework.kafka.core.KafkaProducerException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;

/**
 * A relay's template with a hand on each send, over the real producer: it records the event ids it is given, in order,
 * and can report one event's first send as expired (as the producer does when a batch outlives its delivery time-out)
 * or hold the next send until the test lets it go (as a producer blocked on its metadata or its buffer). It also counts
 * the waits for acknowledgements, which the relay begins once it has handed on what it could send.
 */
final class RecordingKafkaTemplate extends KafkaTemplate<String, byte[]> {

    private final List<String> given = new CopyOnWriteArrayList<>();
    private final Set<String> expireOnce = ConcurrentHashMap.newKeySet();
    private final AtomicInteger awaited = new AtomicInteger();
    private volatile CountDownLatch holding;
    private volatile CountDownLatch release;

    RecordingKafkaTemplate(ProducerFactory<String, byte[]> producerFactory) {
        super(producerFactory);
    }

    /** The event ids handed to this template, in the order the relay handed them, failed ones included. */
    List<String> given() {
        return List.copyOf(given);
    }

    /** The first send of this event fails as a batch that expired after the delivery time-out. */
    void expireFirstSendOf(String eventId) {
        expireOnce.add(eventId);
    }

    /** The next send waits, in the relay's thread, until {@link #releaseHeldSend()}. */
    void holdNextSend() {
        holding = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    /** Whether the held send has been reached and is waiting. */
    boolean isHoldingASend() {
        CountDownLatch h = holding;
        return h != null && h.getCount() == 0;
    }

    /** How many times the relay began to wait for an acknowledgement of a send through this template. */
    int acknowledgementsAwaited() {
        return awaited.get();
    }

    void releaseHeldSend() {
        CountDownLatch r = release;
        if (r != null) {
            r.countDown();
        }
    }

    @Override
    public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
        CountDownLatch r = release;
        if (r != null && holding.getCount() > 0) {
            holding.countDown();
            try {
                if (!r.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("The test never released the held send");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        String eventId =
                new String(record.headers().lastHeader(CloudEventHeaders.ID).value(), StandardCharsets.UTF_8);
        given.add(eventId);
        if (expireOnce.remove(eventId)) {
            return CompletableFuture.failedFuture(new KafkaProducerException(
                    record,
                    "Failed to send",
                    new TimeoutException("Expiring 1 record(s) for " + record.topic()
                            + ": 30000 ms has passed since batch creation")));
        }
        Watched<SendResult<String, byte[]>> ack = new Watched<>();
        super.send(record).whenComplete((result, failure) -> {
            if (failure != null) {
                ack.completeExceptionally(failure);
            } else {
                ack.complete(result);
            }
        });
        return ack;
    }

    /** An acknowledgement that counts the waits for it. */
    private final class Watched<T> extends CompletableFuture<T> {

        @Override
        public T get(long timeout, TimeUnit unit)
                throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
            awaited.incrementAndGet();
            return super.get(timeout, unit);
        }
    }
}
