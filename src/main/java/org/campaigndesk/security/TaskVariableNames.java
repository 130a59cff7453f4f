package org.campaigndesk.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.campaigndesk.kernel.Json;

/**
 * The names of the variables a task variable write would set or delete, read from its path and
 * JSON body: {@code complete}, {@code submit-form} and {@code resolve} carry {@code variables};
 * {@code variables} and {@code localVariables} carry {@code modifications} and {@code deletions};
 * {@code variables/<name>} names one in the path.
 */
final class TaskVariableNames {

  /** The value types Tasklist's forms submit; anything else (Object, Json, Xml, File, Bytes) is not a form field's value. */
  static final Set<String> FORM_TYPES = Set.of("String", "Boolean", "Integer", "Long", "Short", "Double", "Date", "Null");

  private TaskVariableNames() {}

  /** The first variable in the body whose declared type a form never submits, or null. */
  static String withForeignType(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      JsonNode json = Json.MAPPER.readTree(body);
      for (String section : new String[] {"variables", "modifications"}) {
        var fields = json.path(section).fields();
        while (fields.hasNext()) {
          var field = fields.next();
          String type = field.getValue().path("type").asText("");
          if (!type.isEmpty() && FORM_TYPES.stream().noneMatch(t -> t.equalsIgnoreCase(type))) {
            return field.getKey();
          }
        }
      }
      // A single variable (PUT …/variables/<name>) is the body itself.
      String type = json.path("type").asText("");
      return !type.isEmpty() && FORM_TYPES.stream().noneMatch(t -> t.equalsIgnoreCase(type)) ? "" : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** @throws IllegalArgumentException when the body is not the JSON such a request needs */
  static Set<String> of(String path, byte[] body) {
    String[] parts = WorkerRoutes.normalized(path).split("/");
    // "", "task", id, route[, name[, "data"]]
    if (parts.length >= 5) {
      return Set.of(parts[4]);
    }
    Set<String> names = new LinkedHashSet<>();
    if (body.length == 0) {
      return names;
    }
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("the body is not JSON");
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("the body is not a JSON object");
    }
    json.path("variables").fieldNames().forEachRemaining(names::add);
    json.path("modifications").fieldNames().forEachRemaining(names::add);
    for (JsonNode deletion : json.path("deletions")) {
      names.add(deletion.asText());
    }
    return names;
  }
}
