package org.campaigndesk.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL the tagged tests run on: the server named by CAMPAIGN_DESK_TEST_POSTGRES_URL (CI
 * points it at the machine's PostgreSQL; each run gets a fresh database there), else an embedded
 * PostgreSQL from Maven Central, so the tests need no server on a fresh machine.
 */
final class PostgresDatabase {

  static final String URL_VARIABLE = "CAMPAIGN_DESK_TEST_POSTGRES_URL";

  private static String jdbcUrl;
  private static String user;

  private PostgresDatabase() {}

  static synchronized String jdbcUrl() {
    if (jdbcUrl == null) {
      String server = System.getenv(URL_VARIABLE);
      if (server != null && !server.isBlank()) {
        user = System.getenv().getOrDefault("CAMPAIGN_DESK_TEST_POSTGRES_USER", "postgres");
        jdbcUrl = freshDatabaseOn(server);
      } else {
        user = "postgres";
        jdbcUrl = embedded();
      }
    }
    return jdbcUrl;
  }

  static String user() {
    jdbcUrl();
    return user;
  }

  private static String embedded() {
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          postgres.close();
        } catch (IOException ignored) {
          // the JVM is going away
        }
      }));
      return postgres.getJdbcUrl("postgres", "postgres");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
  }

  /** A new, empty database on the same server, dropped when the JVM ends. */
  static String freshDatabaseOn(String serverUrl) {
    String name = "campaign_desk_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(serverUrl, "create database " + name);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> execute(serverUrl, "drop database if exists " + name + " with (force)")));
    int slash = serverUrl.lastIndexOf('/');
    int query = serverUrl.indexOf('?', slash);
    return serverUrl.substring(0, slash + 1) + name + (query < 0 ? "" : serverUrl.substring(query));
  }

  private static void execute(String url, String sql) {
    try (Connection connection = DriverManager.getConnection(url, user, System.getenv("CAMPAIGN_DESK_TEST_POSTGRES_PASSWORD"));
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + url + ": " + sql + " failed: " + e.getMessage(), e);
    }
  }
}
