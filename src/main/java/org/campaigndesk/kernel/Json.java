package org.campaigndesk.kernel;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;

/**
 * The one JSON mapper for process variables (lists in forms, sub-items, agendas). Jackson's defaults and
 * java.time, configured nowhere else, so it is safe to share between threads. (Spring MVC's own mapper, with
 * ISO dates, serves the HTTP API.)
 */
public final class Json {

  public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

  static {
    // A day is written as ISO text ("2026-05-31"), as forms and people read it; instants stay as before.
    MAPPER.configOverride(LocalDate.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
  }

  private Json() {}
}
