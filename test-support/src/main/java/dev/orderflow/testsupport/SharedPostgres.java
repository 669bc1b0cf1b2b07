package dev.orderflow.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one PostgreSQL 17 of a test JVM, started on first use and stopped when the JVM exits. Tests get a database of
 * their own from {@link #createDatabase(String)} instead of a server of their own.
 *
 * <p>Zonky's embedded binaries by default; a Testcontainers {@code postgres:17} with
 * {@code -Dorderflow.test.infra=containers}.
 */
public final class SharedPostgres {

    private static final Logger log = LoggerFactory.getLogger(SharedPostgres.class);

    private static final SharedResource<PostgresServer> SERVER =
            new SharedResource<>("PostgreSQL", SharedPostgres::start);

    private SharedPostgres() {}

    /**
     * Creates an empty database whose name starts with {@code prefix} (lower-cased, reduced to letters, digits and
     * underscores) and returns its JDBC URL; connect with {@link #username()} and {@link #password()}.
     */
    public static String createDatabase(String prefix) {
        PostgresServer server = SERVER.get();
        return jdbcUrl(server.host(), server.port(), create(server, prefix));
    }

    /**
     * Creates an empty database like {@link #createDatabase(String)}, but returns a JDBC URL that reaches it through
     * {@code proxy}, which must forward to {@link #host()}:{@link #port()}; a fault test cuts the proxy, not the server.
     */
    public static String createDatabase(String prefix, TcpFaultProxy proxy) {
        PostgresServer server = SERVER.get();
        return jdbcUrl(proxy.host(), proxy.port(), create(server, prefix));
    }

    public static String username() {
        return SERVER.get().username();
    }

    public static String password() {
        return SERVER.get().password();
    }

    public static String host() {
        return SERVER.get().host();
    }

    public static int port() {
        return SERVER.get().port();
    }

    private static String create(PostgresServer server, String prefix) {
        String name = databaseName(prefix);
        String adminUrl = jdbcUrl(server.host(), server.port(), server.adminDatabase());
        try (Connection connection = DriverManager.getConnection(adminUrl, server.username(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException ex) {
            throw new IllegalStateException("Could not create test database " + name, ex);
        }
        log.debug("Created test database {}", name);
        return name;
    }

    /**
     * As every deployment's URL (issue 18): PostgreSQL's error detail names the offending values, an email or an address,
     * and must reach no exception message, log or dead letter, on the local platform and in the tests too.
     */
    private static String jdbcUrl(String host, int port, String database) {
        return "jdbc:postgresql://%s:%d/%s?logServerErrorDetail=false".formatted(host, port, database);
    }

    /** Safe to put into SQL unquoted: only lower-case letters, digits and underscores, within PostgreSQL's 63. */
    static String databaseName(String prefix) {
        String cleaned = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0))) {
            cleaned = "db_" + cleaned;
        }
        if (cleaned.length() > 40) {
            cleaned = cleaned.substring(0, 40);
        }
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return cleaned + "_" + unique;
    }

    private static PostgresServer start() {
        return switch (InfrastructureMode.current()) {
            case EMBEDDED -> embedded();
            case CONTAINERS -> ContainerInfrastructure.postgres();
        };
    }

    private static PostgresServer embedded() {
        // initdb refuses to run as root; zonky then runs the server in a user namespace ("unshare -U"). Without that,
        // fail with advice rather than with initdb's bare complaint.
        if ("root".equals(System.getProperty("user.name")) && !LinuxUtils.isUnshareAvailable()) {
            throw new IllegalStateException("PostgreSQL cannot run as root and 'unshare -U' is unavailable here: "
                    + "run the tests as another user, or with -Dorderflow.test.infra=containers");
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    // Pinned so initdb does not depend on the host's locale settings; the builtin provider
                    // (PostgreSQL 17) still gives Unicode-aware upper()/lower() without any OS locale.
                    .setLocaleConfig("locale", "C")
                    .setLocaleConfig("locale-provider", "builtin")
                    .setLocaleConfig("builtin-locale", "C.UTF-8")
                    // Every cached Spring context holds a connection pool against this one server.
                    .setServerConfig("max_connections", "300")
                    // Durability buys nothing in a throwaway test database; zonky already turns fsync off.
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("synchronous_commit", "off")
                    // A loaded two-core CI machine can take longer than zonky's default 10 seconds.
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Stopped by SharedResource's hook, which also covers the containers mode.
                    .setRegisterShutdownHook(false)
                    .start();
            // The embedded server trusts local connections: any password passes.
            return new PostgresServer("localhost", postgres.getPort(), "postgres", "postgres", "postgres", postgres);
        } catch (IOException ex) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", ex);
        }
    }

    /** A running server, whichever kind: how to reach it and how to stop it. */
    record PostgresServer(
            String host, int port, String username, String password, String adminDatabase, AutoCloseable stopper)
            implements AutoCloseable {

        @Override
        public void close() throws Exception {
            stopper.close();
        }
    }
}
