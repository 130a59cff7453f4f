package org.campaigndesk.draft;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbering a paragraph starts with, ranked as Chinese official documents nest them:
 * 一、 above （一） above 1. above （1） above ①; a dash item (——) stands apart.
 */
record Marker(Kind kind, int number, int length) {

  enum Kind {
    CHAPTER(1), SECTION(2), ITEM(3), SUB_ITEM(4), CIRCLED(5), DASH(6);

    final int rank;

    Kind(int rank) {
      this.rank = rank;
    }
  }

  private static final String CN = "[一二三四五六七八九十百]+";
  private static final Pattern CHAPTER = Pattern.compile("^(" + CN + ")\\s*[、．.](?!\\s*" + CN + "[、])");
  private static final Pattern SECTION = Pattern.compile("^[（(]\\s*(" + CN + ")\\s*[）)]");
  private static final Pattern ITEM = Pattern.compile("^(\\d{1,3})\\s*[.．、](?!\\d)");
  private static final Pattern SUB_ITEM = Pattern.compile("^[（(]\\s*(\\d{1,3})\\s*[）)]");
  private static final Pattern CIRCLED = Pattern.compile("^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])");
  private static final Pattern DASH = Pattern.compile("^[—－-]{2}");

  /** The marker at the start of the text, or null. */
  static Marker of(String text) {
    Matcher m;
    if ((m = SECTION.matcher(text)).find()) {
      return new Marker(Kind.SECTION, ChineseNumerals.parse(m.group(1)), m.end());
    }
    if ((m = SUB_ITEM.matcher(text)).find()) {
      return new Marker(Kind.SUB_ITEM, Integer.parseInt(m.group(1)), m.end());
    }
    if ((m = CHAPTER.matcher(text)).find()) {
      return new Marker(Kind.CHAPTER, ChineseNumerals.parse(m.group(1)), m.end());
    }
    if ((m = ITEM.matcher(text)).find() && !looksLikeQuantity(text, m.end())) {
      return new Marker(Kind.ITEM, Integer.parseInt(m.group(1)), m.end());
    }
    if ((m = CIRCLED.matcher(text)).find()) {
      return new Marker(Kind.CIRCLED, "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".indexOf(m.group(1)) + 1, m.end());
    }
    if (DASH.matcher(text).find()) {
      return new Marker(Kind.DASH, 0, 2);
    }
    return null;
  }

  /** "2020 年…" or "500名…" is a quantity or a year, not an item number. */
  private static boolean looksLikeQuantity(String text, int end) {
    String rest = text.substring(end).stripLeading();
    return rest.startsWith("年") || rest.startsWith("月") || rest.startsWith("日") || rest.startsWith("%");
  }

  /** The text after the marker. */
  String rest(String text) {
    return text.substring(length).strip();
  }
}
