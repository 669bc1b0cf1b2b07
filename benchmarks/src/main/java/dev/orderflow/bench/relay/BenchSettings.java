package dev.orderflow.bench.relay;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.convert.DurationStyle;

/**
 * What one run measures. Read from {@code bench.*} system properties or {@code --bench.*=} arguments (arguments win); a
 * blank value means the default, so the Maven profile can pass every knob through without repeating the defaults.
 */
record BenchSettings(
        int backlog,
        int rawRecords,
        List<Integer> rates,
        Duration rateDuration,
        int batchSize,
        int partitions,
        int commitThreads,
        Duration commitDuration,
        int writers,
        Duration drainTimeout) {

    static final String PREFIX = "bench.";

    /** Writers keep committing for this long before a commit-rate measurement starts: JIT and pool warm-up. */
    static final Duration WARMUP = Duration.ofSeconds(2);

    static BenchSettings load(String[] args, Properties systemProperties) {
        Map<String, String> values = new HashMap<>();
        systemProperties.stringPropertyNames().stream()
                .filter(name -> name.startsWith(PREFIX))
                .forEach(name -> values.put(name, systemProperties.getProperty(name)));
        for (String arg : args) {
            String option = arg.startsWith("--") ? arg.substring(2) : arg;
            int equals = option.indexOf('=');
            if (option.startsWith(PREFIX) && equals > 0) {
                values.put(option.substring(0, equals), option.substring(equals + 1));
            }
        }
        Source source = new Source(values);
        int backlog = source.integer("backlog", 100_000);
        return new BenchSettings(
                backlog,
                source.integer("raw-records", backlog),
                source.integers("rates", List.of(1_000, 5_000)),
                source.duration("duration", Duration.ofSeconds(30)),
                source.integer("batch-size", 1_000),
                source.integer("partitions", 6),
                source.integer("commit-threads", 4),
                source.duration("commit-duration", Duration.ofSeconds(10)),
                source.integer("writers", 8),
                source.duration("drain-timeout", Duration.ofMinutes(5)));
    }

    /** Connections the benchmark holds at once: its writers, the relay, housekeeping and one to look around with. */
    int poolSize() {
        return Math.max(commitThreads, writers) + 4;
    }

    private record Source(Map<String, String> values) {

        private String raw(String key) {
            String value = values.get(PREFIX + key);
            return value == null ? "" : value.strip();
        }

        int integer(String key, int fallback) {
            String value = raw(key);
            return value.isEmpty() ? fallback : Integer.parseInt(value.replace("_", ""));
        }

        List<Integer> integers(String key, List<Integer> fallback) {
            String value = raw(key);
            return value.isEmpty()
                    ? fallback
                    : Arrays.stream(value.split(","))
                            .map(String::strip)
                            .map(Integer::valueOf)
                            .toList();
        }

        /** {@code 30s}, {@code 500ms}, {@code 5m}, or a plain number of seconds. */
        Duration duration(String key, Duration fallback) {
            String value = raw(key);
            if (value.isEmpty()) {
                return fallback;
            }
            return value.chars().allMatch(Character::isDigit)
                    ? Duration.ofSeconds(Long.parseLong(value))
                    : DurationStyle.detectAndParse(value);
        }
    }
}
