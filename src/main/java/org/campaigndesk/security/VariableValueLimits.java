package org.campaigndesk.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import org.campaigndesk.kernel.Json;

/**
 * What the engine's variable table takes: a name of at most 255 characters (ACT_RU_VARIABLE.NAME_)
 * and a text value of at most 4,000 (TEXT_, on H2 and PostgreSQL alike). A longer one, written
 * over REST (a form's text field, a coordinator's variable), used to fail in the database with a
 * bare 500; here it is refused (400) with the JSON path of the value, before the engine runs.
 * Serialized types (Json, Xml, Object, File) are stored as byte arrays and have no such limit.
 */
final class VariableValueLimits {

  static final int MAX_NAME = 255;
  static final int MAX_TEXT = 4000;

  private VariableValueLimits() {}

  /** The first variable too long for the database, as "path: problem", or null. */
  static String problem(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      return null; // not JSON: the engine answers that itself
    }
    return problem(root, "");
  }

  private static String problem(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      if (node.has("value") && node.get("value").isTextual() && textType(node.path("type").asText("String"))
          && node.get("value").asText().length() > MAX_TEXT) {
        return (path.isEmpty() ? "value" : path + ".value") + ": " + node.get("value").asText().length()
            + " characters, at most " + MAX_TEXT;
      }
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (field.getValue().isObject() && field.getValue().has("value") && field.getKey().length() > MAX_NAME) {
          return path + ": variable name of " + field.getKey().length() + " characters, at most " + MAX_NAME;
        }
        String inner = problem(field.getValue(), childPath);
        if (inner != null) {
          return inner;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String inner = problem(node.get(i), path + "[" + i + "]");
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }

  private static boolean textType(String type) {
    return type.isEmpty() || type.equalsIgnoreCase("String");
  }
}
