package nl.publicaties.launcher.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A real PostgreSQL server (binaries from Maven Central) with a persistent data directory, and the
 * databases the services own, each created once with one login role.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dir, int port, String user, String password, List<String> databases)
            throws IOException, SQLException {
        Files.createDirectories(dir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            ensureRole(connection, user, password);
            for (String database : databases) {
                ensureDatabase(connection, database, user);
            }
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return new EmbeddedDatabase(postgres);
    }

    private static void ensureRole(Connection connection, String user, String password) throws SQLException {
        if (!exists(connection, "select 1 from pg_roles where rolname = ?", user)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create role " + identifier(user) + " login password '" + password.replace("'", "''") + "'");
            }
        }
    }

    private static void ensureDatabase(Connection connection, String database, String owner) throws SQLException {
        if (!exists(connection, "select 1 from pg_database where datname = ?", database)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create database " + identifier(database) + " owner " + identifier(owner)
                        + " encoding 'UTF8'");
            }
        }
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Role and database names come from configuration; only plain identifiers are accepted. */
    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain PostgreSQL identifier: " + name);
        }
        return name;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
