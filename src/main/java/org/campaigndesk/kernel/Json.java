package org.campaigndesk.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one JSON mapper for process variables (lists in forms, sub-items, agendas). Jackson's defaults,
 * configured nowhere else, so it is safe to share between threads. (Spring MVC's own mapper, with
 * ISO dates, serves the HTTP API.)
 */
public final class Json {

  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}
}
