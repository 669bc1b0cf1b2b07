package dev.orderflow.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** One-shot JDBC against databases of {@link SharedPostgres}, for the tests of the infrastructure itself. */
final class Jdbc {

    private Jdbc() {}

    /** The first column of the first row. */
    static String query(String url, String sql) throws SQLException {
        try (Connection connection = connect(url)) {
            return query(connection, sql);
        }
    }

    static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    static void execute(String url, String sql) throws SQLException {
        try (Connection connection = connect(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, SharedPostgres.username(), SharedPostgres.password());
    }
}
