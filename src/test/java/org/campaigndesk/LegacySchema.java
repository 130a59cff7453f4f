package org.campaigndesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The application's tables as the former schema.sql made them (before Flyway), for the migration tests. */
public final class LegacySchema {

  private LegacySchema() {}

  public static void createIn(JdbcTemplate jdbc) {
    String script;
    try {
      script = new ClassPathResource("legacy/schema.sql").getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String statement : script.replaceAll("(?m)^--.*$", "").split(";")) {
      if (!statement.isBlank()) {
        jdbc.execute(statement);
      }
    }
  }
}
