package org.campaigndesk.task;

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
}
