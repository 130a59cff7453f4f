package org.campaigndesk.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.campaigndesk.identity.TasklistFilters;
import org.campaigndesk.kernel.Json;

/**
 * The variables a worker's task query filters or sorts by ({@code processVariables},
 * {@code taskVariables}, {@code caseInstanceVariables} as query parameters or in a POST body, its
 * {@code orQueries}, and sorting by a variable). A filter on a variable tells its value even when
 * the variable itself is never shown: "is there a task of mine whose instance has
 * signedByPhone like 138%?" So workers filter and sort by the variables Tasklist shows them in its
 * columns ({@link TasklistFilters#COLUMN_VARIABLES}) and by no other.
 */
final class TaskQueryVariables {

  /** Task queries in every form: runtime and history, lists and counts, and a filter's list with an extending query. */
  private static final Pattern TASK_QUERY = Pattern.compile(
      "/task(/count)?|/history/task(/count)?|/filter/[^/]+/(list|count|singleResult)");
  private static final List<String> FILTER_KEYS = List.of("processVariables", "taskVariables", "caseInstanceVariables");

  private TaskQueryVariables() {}

  static boolean isTaskQuery(String normalizedRoute) {
    return TASK_QUERY.matcher(normalizedRoute).matches();
  }

  /**
   * The first variable the query names that is not a Tasklist column, or null when there is none.
   *
   * @throws IllegalArgumentException when the body is not JSON
   */
  static String forbidden(Map<String, String[]> parameters, byte[] body) {
    for (String name : named(parameters, body)) {
      if (!TasklistFilters.COLUMN_VARIABLES.contains(name)) {
        return name;
      }
    }
    return null;
  }

  static List<String> named(Map<String, String[]> parameters, byte[] body) {
    List<String> names = new ArrayList<>();
    for (String key : FILTER_KEYS) {
      for (String value : parameters.getOrDefault(key, new String[0])) {
        // name_operator_value, comma separated (Camunda's own syntax; a name holds no '_' there)
        for (String triple : value.split(",")) {
          if (!triple.isBlank()) {
            names.add(triple.split("_", 2)[0]);
          }
        }
      }
    }
    if (body != null && body.length > 0) {
      JsonNode query;
      try {
        query = Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new IllegalArgumentException("the request body is not JSON: " + e.getMessage(), e);
      }
      collect(query, names);
    }
    return names;
  }

  private static void collect(JsonNode query, List<String> names) {
    if (query == null || !query.isObject()) {
      return;
    }
    for (String key : FILTER_KEYS) {
      for (JsonNode filter : query.path(key)) {
        names.add(filter.path("name").asText(""));
      }
    }
    for (JsonNode sorting : query.path("sorting")) {
      JsonNode variable = sorting.path("parameters").path("variable");
      if (!variable.isMissingNode()) {
        names.add(variable.asText(""));
      }
    }
    for (JsonNode or : query.path("orQueries")) {
      collect(or, names);
    }
  }
}
