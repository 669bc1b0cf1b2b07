package dev.orderflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Schema changes are expand/contract (SPEC §5), so during a rollout the new version's migration adds columns under the
 * old version's prepared statements. A query that selects or returns {@code *} then changes its result type, and
 * PostgreSQL refuses the cached plan (SQLSTATE 0A000) in every pooled connection that prepared it (ADR 0014). Every
 * query in the modules' main code names its columns.
 */
class QueriesNameTheirColumnsTests {

    private static final Pattern STAR_QUERY =
            Pattern.compile("\\b(select|returning)\\s+(distinct\\s+)?(\\w+\\.)?\\*", Pattern.CASE_INSENSITIVE);

    @Test
    void noQueryInMainCodeSelectsOrReturnsStar() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> modules = Files.list(Manifests.root())) {
            for (Path main : modules.map(m -> m.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(f -> starQueries(f, found));
                }
            }
        }

        assertThat(found).as("queries that select or return *").isEmpty();
    }

    private static void starQueries(Path file, List<String> found) {
        try {
            String source = Files.readString(file);
            Matcher matcher = STAR_QUERY.matcher(source);
            while (matcher.find()) {
                long line = source.substring(0, matcher.start())
                                .chars()
                                .filter(c -> c == '\n')
                                .count()
                        + 1;
                found.add(Manifests.root().relativize(file) + ":" + line + ": " + matcher.group());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
