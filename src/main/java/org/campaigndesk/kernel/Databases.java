package org.campaigndesk.kernel;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Which database the application runs on, for the work only PostgreSQL needs (advisory locks, statistics, indexes). */
public final class Databases {

  private Databases() {}

  /** Whether {@code dataSource} is PostgreSQL; a database that cannot be asked fails, naming the reason. */
  public static boolean isPostgres(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot tell which database this is", e);
    }
  }
}
