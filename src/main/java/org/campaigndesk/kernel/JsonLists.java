package org.campaigndesk.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
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

  /**
   * The items of a stored list: a JSON array (its Spin value or its text, as {@link #of} writes it),
   * a list a record answers with, or comma-separated text (text or bytes) as versions before
   * 2026-12-06 stored it, which history and not yet upgraded instances still hold. None for no value.
   */
  public static List<String> read(Object value) {
    if (value instanceof Collection<?> list) {
      return list.stream().filter(Objects::nonNull).map(Object::toString).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    if (value instanceof byte[] bytes) {
      value = new String(bytes, StandardCharsets.UTF_8);
    }
    if (value == null || value.toString().isBlank()) {
      return List.of();
    }
    String text = value.toString().trim();
    if (!text.startsWith("[")) {
      return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    JsonNode array;
    try {
      array = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON list: " + text, e);
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException("not a JSON list: " + text);
    }
    List<String> items = new ArrayList<>();
    array.forEach(item -> items.add(item.asText()));
    return items;
  }

  /** A list as main kept it (comma-separated text, or those bytes), read for the upgrade to JSON. */
  public static List<String> fromCommaText(Object value) {
    return read(value);
  }
}
