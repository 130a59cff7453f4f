package org.campaigndesk.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * A list as a process variable: a typed JSON array (Spin), shown as such in Cockpit and stored
 * without the text column's 4,000-character limit; never comma-separated text.
 */
public final class JsonLists {

  private JsonLists() {}

  public static TypedValue of(List<String> items) {
    try {
      return SpinValues.jsonValue(Json.MAPPER.writeValueAsString(items)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The items of a list {@link #of} wrote (its Spin value or its text); none for no value. */
  public static List<String> read(Object value) {
    if (value == null) {
      return List.of();
    }
    JsonNode array;
    try {
      array = Json.MAPPER.readTree(value.toString());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON list: " + value, e);
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException("not a JSON list: " + value);
    }
    List<String> items = new ArrayList<>();
    array.forEach(item -> items.add(item.asText()));
    return items;
  }

  /** A list as main kept it (comma-separated text, or those bytes), read for the upgrade to JSON. */
  public static List<String> fromCommaText(Object value) {
    return KeyTaskVariables.splitIds(value);
  }
}
