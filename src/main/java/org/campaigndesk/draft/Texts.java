package org.campaigndesk.draft;

import java.util.regex.Pattern;

/** Small text helpers for Chinese documents. */
final class Texts {

  private static final Pattern SPACE = Pattern.compile("[\\s\\u3000\\u00A0]+");
  static final String TERMINAL = "。；;！!？?：:";

  private Texts() {}

  static String compact(String text) {
    return text == null ? "" : SPACE.matcher(text).replaceAll("");
  }

  static boolean endsTerminal(String text) {
    String s = text.strip();
    return !s.isEmpty() && TERMINAL.indexOf(s.charAt(s.length() - 1)) >= 0;
  }

  static boolean isHan(char c) {
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
  }

  /** Strips trailing sentence punctuation. */
  static String stripEnd(String text) {
    return text.strip().replaceAll("[。；;，,、\\s]+$", "");
  }

  /** Joins two halves of a broken line: directly (also digits: "20" + "19年"), with a space between Latin words. */
  static String join(String left, String right) {
    if (!left.isEmpty() && !right.isEmpty()
        && isLatinLetter(left.charAt(left.length() - 1)) && isLatinLetter(right.charAt(0))) {
      return left + " " + right;
    }
    return left + right;
  }

  private static boolean isLatinLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
}
