package dev.orderflow.bench.saga;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Issue 15's categories of a CPU sample, by its innermost library frame: walking the stack from the top, the first
 * frame in a named category decides; a stack of JDK frames only is JDK; one whose only other frames belong to no named
 * category (Nimbus, HdrHistogram, …, beneath no named frame) is "other". Also the sample's Orderflow entry point, its
 * outermost {@code dev.orderflow} frame.
 */
final class StackCategories {

    /** One frame, top of the stack first: the class's binary name and the method's name. */
    record Frame(String type, String method) {}

    private record Category(String name, List<String> packages) {}

    static final String JDK = "JDK";
    static final String OTHER = "other";
    static final String NO_ENTRY_POINT = "none";

    /** Matched in this order, so the narrower Spring packages win over "Spring (other)" and HTTP over the JDK. */
    private static final List<Category> NAMED = List.of(
            new Category("JSON (Jackson)", List.of("tools.jackson", "com.fasterxml.jackson")),
            new Category("Micrometer + tracing", List.of("io.micrometer", "io.opentelemetry", "brave")),
            new Category("Bean Validation", List.of("org.hibernate.validator", "jakarta.validation")),
            new Category("Kafka clients", List.of("org.apache.kafka")),
            new Category("PostgreSQL JDBC", List.of("org.postgresql", "com.zaxxer.hikari")),
            new Category("security filter chain", List.of("org.springframework.security")),
            new Category(
                    "HTTP (Tomcat/MVC/client)",
                    List.of(
                            "org.apache.catalina",
                            "org.apache.coyote",
                            "org.apache.tomcat",
                            "org.springframework.web",
                            "jdk.internal.net.http",
                            "java.net.http")),
            new Category("Spring (other)", List.of("org.springframework")),
            new Category("Logging", List.of("ch.qos.logback", "org.slf4j", "net.logstash")),
            new Category("Orderflow", List.of("dev.orderflow")));

    private static final List<String> JDK_PACKAGES = List.of("java", "javax", "jdk", "sun", "com.sun");

    /** Every category in the report's column order. */
    static final List<String> COLUMNS = java.util.stream.Stream.concat(
                    NAMED.stream().map(Category::name), java.util.stream.Stream.of(JDK, OTHER))
            .toList();

    private StackCategories() {}

    static String categoryOf(List<Frame> topFirst) {
        boolean library = false;
        for (Frame frame : topFirst) {
            String named = named(frame.type());
            if (named != null) {
                return named;
            }
            library |= !isJdk(frame.type());
        }
        return library ? OTHER : JDK;
    }

    /**
     * The outermost Orderflow frame as {@code SimpleClass.method}, skipping lambda and proxy classes (their caller's
     * frame names the work); for threads that run framework code only, such as a consumer's poll loop or Tomcat's
     * filter chain before the controller, "none" and the thread's name with its counters as {@code #} (ports stay:
     * they tell the API's threads from the management port's).
     */
    static String entryPoint(List<Frame> topFirst, String threadName) {
        for (int i = topFirst.size() - 1; i >= 0; i--) {
            Frame frame = topFirst.get(i);
            if (inPackage(frame.type(), "dev.orderflow") && !frame.type().contains("$$")) {
                return frame.type().substring(frame.type().lastIndexOf('.') + 1) + "." + method(frame.method());
            }
        }
        return NO_ENTRY_POINT + " (" + threadName.replaceAll("(?<![0-9])[0-9]{1,3}(?![0-9])", "#") + ")";
    }

    /** A lambda's body {@code lambda$takeDue$1} as {@code takeDue (lambda)}. */
    private static String method(String name) {
        String[] parts = name.split("\\$");
        return name.startsWith("lambda$") && parts.length > 1 ? parts[1] + " (lambda)" : name;
    }

    /** The package (at most three segments) of the innermost frame outside the JDK: what "other" and "Spring" hide. */
    static String innermostLibraryPackage(List<Frame> topFirst) {
        for (Frame frame : topFirst) {
            if (!isJdk(frame.type()) || named(frame.type()) != null) {
                String[] parts = frame.type().split("\\.");
                int segments = Math.min(3, Math.max(1, parts.length - 1));
                return String.join(".", java.util.Arrays.copyOf(parts, segments));
            }
        }
        return JDK;
    }

    private static @Nullable String named(String type) {
        for (Category category : NAMED) {
            for (String pkg : category.packages()) {
                if (inPackage(type, pkg)) {
                    return category.name();
                }
            }
        }
        return null;
    }

    private static boolean isJdk(String type) {
        return JDK_PACKAGES.stream().anyMatch(pkg -> inPackage(type, pkg));
    }

    private static boolean inPackage(String type, String pkg) {
        return type.startsWith(pkg) && type.length() > pkg.length() && type.charAt(pkg.length()) == '.';
    }
}
