package org.campaigndesk.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.campaigndesk.kernel.Json;
import org.camunda.spin.json.SpinJsonNode;

/** Reads a JSON process variable whatever form it arrives in (Spin JSON from forms, or text). */
public final class JsonVariables {

  private JsonVariables() {}

  public static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof SpinJsonNode node) {
      return node.toString();
    }
    return value.toString();
  }

  /**
   * A form table's rows (the kit's table: a JSON list of objects), in the order the form numbers
   * them, each as the trimmed text of these columns ("" for a missing or null cell). No value gives
   * no rows; a value that is not such a list gives null.
   */
  public static List<Map<String, String>> tableRows(String json, String... columns) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (!root.isArray()) {
      return null;
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (JsonNode node : root) {
      Map<String, String> row = new LinkedHashMap<>();
      for (String column : columns) {
        JsonNode value = node.get(column);
        row.put(column, value == null || value.isNull() ? "" : value.asText().trim());
      }
      rows.add(row);
    }
    return rows;
  }

  /** Whether a table row has nothing in it: a row the form left blank. */
  public static boolean blank(Map<String, String> row) {
    return row.values().stream().allMatch(String::isEmpty);
  }
}
