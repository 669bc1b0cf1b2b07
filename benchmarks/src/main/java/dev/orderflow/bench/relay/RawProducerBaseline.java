package dev.orderflow.bench.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's ceiling: the relay's producer settings and records of the same shape, sent straight from memory to a
 * topic with as many partitions. Records are built before the clock starts, so this is the broker and client alone.
 */
public final class RawProducerBaseline {

    private static final Logger log = LoggerFactory.getLogger(RawProducerBaseline.class);

    public record Result(int records, Duration elapsed, double payloadBytes, double headerBytes, MachineLoad cpu) {

        public double perSecond() {
            return Rates.perSecond(records, elapsed);
        }
    }

    private RawProducerBaseline() {}

    public static Result run(Map<String, Object> producerConfig, String topic, int records) {
        // Metadata, connections and the JIT are warmed with a tenth of the records, untimed.
        List<ProducerRecord<String, byte[]>> warmup = build(topic, Math.max(1, records / 10));
        List<ProducerRecord<String, byte[]>> measured = build(topic, records);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig)) {
            sendAll(producer, warmup);
            log.info("Sending {} records straight to {}", records, topic);
            MachineLoad.Snapshot cpu = MachineLoad.snapshot();
            long start = System.nanoTime();
            sendAll(producer, measured);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            MachineLoad usage = cpu.until(MachineLoad.snapshot());
            return new Result(
                    records,
                    elapsed,
                    measured.stream().mapToInt(r -> r.value().length).average().orElse(0),
                    measured.stream()
                            .mapToInt(SampleEvents::headerBytes)
                            .average()
                            .orElse(0),
                    usage);
        }
    }

    private static List<ProducerRecord<String, byte[]>> build(String topic, int count) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        IntStream.range(0, count).forEach(i -> records.add(SampleEvents.record(topic)));
        return records;
    }

    /** Asynchronous sends, as the relay does them; done when every acknowledgement is in. */
    private static void sendAll(KafkaProducer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (ProducerRecord<String, byte[]> record : records) {
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("The raw producer could not send", failure.get());
        }
    }
}
