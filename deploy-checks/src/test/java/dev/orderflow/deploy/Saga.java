package dev.orderflow.deploy;

import dev.orderflow.events.EventType;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.Producer;
import dev.orderflow.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Who produces and consumes which topic, read from the code itself: the producer of each service comes from
 * {@link Producer}, what it consumes from the event types its {@code EventHandlers} register.
 */
final class Saga {

    /** One consuming service: its group and the topics it reads. */
    record Consumer(String service, String group, Set<String> topics) {

        String groupId() {
            return Topics.DEFAULT_PREFIX + group;
        }

        Set<String> deadLetterTopics() {
            Set<String> dlts = new TreeSet<>();
            topics.forEach(t -> dlts.add(Topics.deadLetter(t, group)));
            return dlts;
        }
    }

    private static final Pattern GROUP = Pattern.compile("GROUP = \"([a-z-]+)\"");
    private static final Pattern HANDLED = Pattern.compile("\\.on\\(EventTypes\\.([A-Z_]+)");
    private static final Topics TOPICS = Topics.withDefaultPrefix();

    private Saga() {}

    /** The topic a service writes, if it produces events. */
    static Optional<String> producedTopic(String service) {
        return Stream.of(Producer.values())
                .filter(p -> p.source().equals(service))
                .map(TOPICS::of)
                .findFirst();
    }

    static Set<String> sagaTopics() {
        Set<String> topics = new TreeSet<>();
        for (Producer producer : Producer.values()) {
            topics.add(TOPICS.of(producer));
        }
        return topics;
    }

    static Map<String, Consumer> consumers() {
        Map<String, Consumer> consumers = new LinkedHashMap<>();
        for (String service : Manifests.SERVICE_NAMES) {
            Path sources = Manifests.root().resolve(service).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith("Handlers.java"))
                        .toList()) {
                    String text = Files.readString(file);
                    Matcher group = GROUP.matcher(text);
                    if (!group.find()) {
                        continue;
                    }
                    Set<String> topics = new TreeSet<>();
                    Matcher handled = HANDLED.matcher(text);
                    while (handled.find()) {
                        topics.add(TOPICS.of(type(handled.group(1))));
                    }
                    consumers.put(service, new Consumer(service, group.group(1), topics));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return consumers;
    }

    private static EventType<?> type(String constant) {
        try {
            return (EventType<?>) EventTypes.class.getField(constant).get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("No event type " + constant, e);
        }
    }
}
