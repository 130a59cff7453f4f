package org.campaigndesk.draft;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads assignment lines: "牵头责任领导：…", "牵头责任单位：…", "责任单位：…", "完成时限：…", "责任人：…",
 * on lines of their own or in a parenthesised block "（牵头单位：…；责任单位：…）".
 */
final class Assignments {

  enum Field { LEADERS, LEAD_UNITS, UNITS, DEADLINE, PERSON }

  private static final String LEADER_LABELS = "牵头责任领导|牵头县领导|牵头领导|责任领导|包保领导|分管领导|挂钩领导|县级领导";
  private static final String LEAD_UNIT_LABELS = "牵头责任单位|牵头单位|牵头部门|主责单位|责任牵头单位";
  private static final String UNIT_LABELS = "责任单位|配合单位|协办单位|参与单位|协助单位|配合部门|责任部门";
  private static final String DEADLINE_LABELS = "完成时限|完成时间|时限要求|时间要求|时间节点|办结时限|完成期限";
  private static final String PERSON_LABELS = "责任人";
  private static final String LABELS = LEADER_LABELS + "|" + LEAD_UNIT_LABELS + "|" + UNIT_LABELS + "|"
      + DEADLINE_LABELS + "|" + PERSON_LABELS;
  private static final Pattern LABEL = Pattern.compile("(" + LABELS + ")\\s*[:：]");
  private static final Pattern LABEL_LINE = Pattern.compile("^[（(]?\\s*(" + LABELS + ")\\s*[:：]");
  /** "…任务内容。牵头单位：…；配合单位：…；完成时限：…" – labels after the item's last sentence. */
  private static final Pattern INLINE_LABELS = Pattern.compile("[。；;]\\s*(?=(?:" + LEAD_UNIT_LABELS + "|" + LEADER_LABELS + "|"
      + UNIT_LABELS + "|" + DEADLINE_LABELS + ")\\s*[:：])");
  private static final Pattern TRAILING_BLOCK = Pattern.compile("^(.*?[^\\s])\\s*([（(]\\s*(?:" + LABELS + ")\\s*[:：].*)$");

  private Assignments() {}

  static boolean isLabelLine(String text) {
    return LABEL_LINE.matcher(text.strip()).find();
  }

  /** "任务内容。（牵头单位：…）" → the content and the block as two paragraphs. */
  static List<String> splitTrailingBlock(String text) {
    if (isLabelLine(text)) {
      return List.of(text);
    }
    Matcher m = TRAILING_BLOCK.matcher(text);
    if (m.matches()) {
      return List.of(m.group(1), m.group(2));
    }
    Matcher inline = INLINE_LABELS.matcher(text);
    if (inline.find() && inline.start() > 0) {
      return List.of(text.substring(0, inline.start() + 1).strip(), text.substring(inline.start() + 1).strip());
    }
    return List.of(text);
  }

  static Field field(String label) {
    if (label.matches(LEADER_LABELS)) {
      return Field.LEADERS;
    }
    if (label.matches(LEAD_UNIT_LABELS)) {
      return Field.LEAD_UNITS;
    }
    if (label.matches(UNIT_LABELS)) {
      return Field.UNITS;
    }
    if (label.matches(DEADLINE_LABELS)) {
      return Field.DEADLINE;
    }
    return Field.PERSON;
  }

  /** The field of a table column header, or null when it is none of the assignment columns. */
  static Field columnField(String header) {
    String h = Texts.compact(header);
    if (h.matches(".*(" + LEADER_LABELS + ").*")) {
      return Field.LEADERS;
    }
    if (h.matches(".*(" + LEAD_UNIT_LABELS + ").*")) {
      return Field.LEAD_UNITS;
    }
    if (h.matches(".*(" + UNIT_LABELS + ").*")) {
      return Field.UNITS;
    }
    if (h.matches(".*(" + DEADLINE_LABELS + "|时限|期限).*")) {
      return Field.DEADLINE;
    }
    if (h.matches(".*(" + PERSON_LABELS + ").*")) {
      return Field.PERSON;
    }
    return null;
  }

  /** The label/value pairs of one assignment paragraph. */
  static List<Entry> parse(String text) {
    String s = text.strip();
    if (s.startsWith("（") || s.startsWith("(")) {
      s = s.substring(1);
    }
    List<Entry> entries = new ArrayList<>();
    Matcher m = LABEL.matcher(s);
    List<int[]> spans = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
      labels.add(m.group(1));
    }
    for (int i = 0; i < spans.size(); i++) {
      int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : s.length();
      String value = s.substring(spans.get(i)[1], end).strip()
          .replaceAll("^[：:\\s]+", "")
          .replaceAll("[；;，,。\\s]+$", "");
      entries.add(new Entry(field(labels.get(i)), balanced(value)));
    }
    return entries;
  }

  /** Drops closing brackets that close the block rather than the value: "各乡镇）" → "各乡镇", "各乡（镇）" stays. */
  private static String balanced(String value) {
    String v = value;
    while ((v.endsWith("）") || v.endsWith(")")) && count(v, '（') + count(v, '(') < count(v, '）') + count(v, ')')) {
      v = v.substring(0, v.length() - 1).strip().replaceAll("[；;，,。]+$", "");
    }
    return v;
  }

  private static int count(String s, char c) {
    return (int) s.chars().filter(x -> x == c).count();
  }

  record Entry(Field field, String value) {}
}
