package dev.orderflow.events.schema;

import dev.orderflow.events.EventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The committed schemas of a directory ({@code <version>/<wire-type-name>.json}) held against what the records
 * generate now.
 */
public final class SchemaContract {

    public static final String REGENERATE =
            "regenerate with `./mvnw -pl common-events test -Dorderflow.schemas.update=true`";

    public enum Status {
        UP_TO_DATE,
        NEW,
        STALE,
        INCOMPATIBLE
    }

    /** How one type's committed schema relates to the generated one. */
    public record Outcome(EventType<?> type, Path file, Status status, String generated, List<String> violations) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path root;
    private final EventSchemaGenerator generator;

    public SchemaContract(Path root, EventSchemaGenerator generator) {
        this.root = root;
        this.generator = generator;
    }

    public Path fileOf(EventType<?> type) {
        return root.resolve(type.version()).resolve(type.name() + ".json");
    }

    public List<Outcome> check(Collection<EventType<?>> types) {
        return types.stream().map(this::check).toList();
    }

    public Outcome check(EventType<?> type) {
        Path file = fileOf(type);
        String generated = generator.generateJson(type);
        if (!Files.exists(file)) {
            return new Outcome(type, file, Status.NEW, generated, List.of());
        }
        String committed = read(file).replace("\r\n", "\n");
        if (committed.equals(generated)) {
            return new Outcome(type, file, Status.UP_TO_DATE, generated, List.of());
        }
        List<String> violations = SchemaCompatibility.violations(JSON.readTree(committed), JSON.readTree(generated));
        return new Outcome(
                type, file, violations.isEmpty() ? Status.STALE : Status.INCOMPATIBLE, generated, violations);
    }

    /**
     * Writes the schemas of new types and the regenerated schemas of compatible changes. Writes nothing when any change
     * is incompatible: those outcomes are returned so the caller can fail.
     */
    public List<Outcome> update(Collection<EventType<?>> types) {
        List<Outcome> outcomes = check(types);
        List<Outcome> incompatible = outcomes.stream()
                .filter(outcome -> outcome.status() == Status.INCOMPATIBLE)
                .toList();
        if (!incompatible.isEmpty()) {
            return incompatible;
        }
        outcomes.stream()
                .filter(outcome -> outcome.status() == Status.NEW || outcome.status() == Status.STALE)
                .forEach(outcome -> write(outcome.file(), outcome.generated()));
        return List.of();
    }

    /** Committed schema files that belong to no known type. */
    public List<Path> orphans(Collection<EventType<?>> types) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        Set<Path> known = types.stream().map(this::fileOf).collect(Collectors.toSet());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !known.contains(file))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A failure message for the outcomes that are not up to date, or empty when all are. */
    public static String describe(List<Outcome> outcomes) {
        List<String> lines = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            switch (outcome.status()) {
                case UP_TO_DATE -> {}
                case NEW ->
                    lines.add(
                            "%s: no committed schema at %s; %s".formatted(outcome.type(), outcome.file(), REGENERATE));
                case STALE -> lines.add("%s: schemas are stale, %s".formatted(outcome.type(), REGENERATE));
                case INCOMPATIBLE ->
                    lines.add("%s: incompatible with the committed schema; %s:%n  - %s"
                            .formatted(
                                    outcome.type(),
                                    newVersionAdvice(outcome.type()),
                                    String.join("%n  - ".formatted(), outcome.violations())));
            }
        }
        return String.join(System.lineSeparator(), lines);
    }

    /** E.g. "a change within v1 may only add optional fields; make a new .v2 type". */
    static String newVersionAdvice(EventType<?> type) {
        String version = type.version();
        int next = Integer.parseInt(version.substring(1)) + 1;
        return "a change within %s may only add optional fields; make a new .v%d type".formatted(version, next);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
