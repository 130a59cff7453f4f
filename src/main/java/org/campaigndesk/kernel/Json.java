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

  /** A typed record kept as a JSON variable: read back from its value (Spin JSON, or its text). */
  /**
   * A mapper configured as Camunda's REST API configures its own ({@code JacksonConfigurator}: its date
   * format, unknown properties ignored, java.time): for config.EngineRestResources, which keeps one.
   */
  public static ObjectMapper engineRest() {
    return org.camunda.bpm.engine.rest.mapper.JacksonConfigurator.configureObjectMapper(new ObjectMapper());
  }

  public static <T> T readVariable(Object value, Class<T> type) {
    try {
      return MAPPER.readValue(value.toString(), type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a " + type.getSimpleName() + " variable is not what it writes", e);
    }
  }

  /** A typed record read from a JSON tree (a Spin JSON variable's, without printing and parsing its text). */
  public static <T> T readTree(Object tree, Class<T> type) {
    try {
      return MAPPER.treeToValue((com.fasterxml.jackson.databind.JsonNode) tree, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a " + type.getSimpleName() + " variable is not what it writes", e);
    }
  }

  /** A typed record as its variable is stored: JSON, typed, so Cockpit shows it as such. */
  public static org.camunda.bpm.engine.variable.value.TypedValue variable(Object record) {
    try {
      return org.camunda.spin.plugin.variable.SpinValues.jsonValue(MAPPER.writeValueAsString(record)).create();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
