package org.campaigndesk.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /**
   * The application of a {@code @SpringBootTest} on this database: its data source, an administrator
   * password, and actuator on any free port (the postgres profile puts it on 8081).
   */
  static void applicationOn(org.springframework.test.context.DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", PostgresDatabase::jdbcUrl);
    registry.add("spring.datasource.username", PostgresDatabase::user);
    registry.add("spring.datasource.password", () -> System.getenv().getOrDefault("CAMPAIGN_DESK_TEST_POSTGRES_PASSWORD", ""));
    registry.add("campaign-desk.admin.password", () -> "pg-admin-pw");
    registry.add("management.server.port", () -> "0");
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

  /** Test databases are named by the second they were made; none is in use this long after. */
  static final Duration LEFT_BEHIND_AFTER = Duration.ofHours(6);

  private static final String PREFIX = "campaign_desk_test_";

  /**
   * A new, empty database on the same server, dropped when the JVM ends. A test JVM that is halted
   * (Surefire's exit timeout, a killed build) runs no shutdown hook: the databases such runs left
   * behind are dropped here, by the time in their name, before this one is made.
   */
  static String freshDatabaseOn(String serverUrl) {
    dropLeftBehind(serverUrl, Instant.now());
    String name = PREFIX + Instant.now().getEpochSecond() + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    execute(serverUrl, "create database " + name);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> execute(serverUrl, "drop database if exists " + name + " with (force)")));
    int slash = serverUrl.lastIndexOf('/');
    int query = serverUrl.indexOf('?', slash);
    return serverUrl.substring(0, slash + 1) + name + (query < 0 ? "" : serverUrl.substring(query));
  }

  /** Drops the test databases made more than {@link #LEFT_BEHIND_AFTER} before {@code now}. */
  static void dropLeftBehind(String serverUrl, Instant now) {
    List<String> names = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(serverUrl, user, System.getenv("CAMPAIGN_DESK_TEST_POSTGRES_PASSWORD"));
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select datname from pg_database where datname like 'campaign\\_desk\\_test\\_%'")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + serverUrl + ": listing test databases failed: " + e.getMessage(), e);
    }
    names.stream().filter(name -> leftBehind(name, now)).forEach(name -> execute(serverUrl, "drop database if exists " + name + " with (force)"));
  }

  /** Whether a database of this name is a test database made before {@code now - LEFT_BEHIND_AFTER}. */
  static boolean leftBehind(String name, Instant now) {
    Matcher made = MADE_AT.matcher(name);
    return made.matches() && Instant.ofEpochSecond(Long.parseLong(made.group(1))).isBefore(now.minus(LEFT_BEHIND_AFTER));
  }

  private static final Pattern MADE_AT = Pattern.compile(PREFIX + "(\\d{9,12})_[0-9a-f]{8}");

  private static void execute(String url, String sql) {
    try (Connection connection = DriverManager.getConnection(url, user, System.getenv("CAMPAIGN_DESK_TEST_POSTGRES_PASSWORD"));
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + url + ": " + sql + " failed: " + e.getMessage(), e);
    }
  }
}
