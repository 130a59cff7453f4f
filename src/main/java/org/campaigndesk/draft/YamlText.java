package org.campaigndesk.draft;

import java.util.List;
import java.util.regex.Pattern;

/** YAML scalars as a person would write them: plain where that is safe, double-quoted otherwise. */
final class YamlText {

  private static final Pattern PLAIN_UNSAFE_START = Pattern.compile("^[-?:,\\[\\]{}#&*!|>'\"%@`\\s].*", Pattern.DOTALL);
  private static final Pattern SPECIAL = Pattern.compile(
      "(?i)^(~|null|true|false|yes|no|on|off|y|n|[-+]?[0-9][0-9_.:eE+-]*|\\.inf|\\.nan)$");

  private YamlText() {}

  static String scalar(String value) {
    if (value == null) {
      return "null";
    }
    boolean plain = !value.isEmpty()
        && !PLAIN_UNSAFE_START.matcher(value).matches()
        && !SPECIAL.matcher(value).matches()
        && !value.contains(": ") && !value.contains(" #") && !value.endsWith(":")
        && !value.contains("\n") && !value.contains("\t")
        && value.equals(value.strip())
        && !value.matches("\\d{4}-\\d{2}-\\d{2}.*");
    return plain ? value : quoted(value);
  }

  /** A scalar inside a flow collection ({…} or […]), where , [ ] { } end a plain scalar. */
  static String flowScalar(String value) {
    String plain = scalar(value);
    return plain.startsWith("\"") || value.chars().noneMatch(c -> ",[]{}".indexOf(c) >= 0) ? plain : quoted(value);
  }

  static String quoted(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** A flow list of ids and tokens: [agri, fpb, "@townships"]. */
  static String flowList(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      String v = values.get(i);
      out.append(v.matches("[A-Za-z][A-Za-z0-9_-]*") ? v : quoted(v));
    }
    return out.append(']').toString();
  }

  /** A block scalar for long multi-line text: "|-" followed by the lines, indented. */
  static String block(String value, String indent) {
    if (!value.contains("\n") || value.lines().anyMatch(l -> !l.equals(l.stripLeading()) && !l.isEmpty())) {
      return scalar(value);
    }
    StringBuilder out = new StringBuilder("|-");
    for (String line : value.split("\n", -1)) {
      out.append('\n').append(indent).append(line);
    }
    return out.toString();
  }

  static String number(Double value) {
    if (value == null) {
      return "null";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf(value.longValue()) : String.valueOf(value);
  }
}
