package dev.orderflow.web.security;

import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatchers;

/**
 * Request matchers that name their methods, for the rules of {@link ApiAuthorization}: a rule matches only the methods
 * it names, and whatever no rule matches is denied (ADR 0016). HEAD is GET without the body (RFC 9110 section 9.3.2),
 * so reading a path covers both, under one rule.
 */
public final class Routes {

    private Routes() {}

    /** GET and HEAD of these path patterns. */
    public static RequestMatcher read(String... paths) {
        return of(List.of(HttpMethod.GET, HttpMethod.HEAD), paths);
    }

    /** POST to these path patterns. */
    public static RequestMatcher post(String... paths) {
        return of(List.of(HttpMethod.POST), paths);
    }

    /** PUT to these path patterns. */
    public static RequestMatcher put(String... paths) {
        return of(List.of(HttpMethod.PUT), paths);
    }

    private static RequestMatcher of(List<HttpMethod> methods, String... paths) {
        if (paths.length == 0) {
            throw new IllegalArgumentException("A route names at least one path");
        }
        PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
        return RequestMatchers.anyOf(methods.stream()
                .flatMap(method -> Arrays.stream(paths).map(path -> (RequestMatcher) builder.matcher(method, path)))
                .toArray(RequestMatcher[]::new));
    }
}
