package org.campaigndesk.draft;

/** Chinese numerals as documents number things: 一 … 十 … 二十三 … 九十九, 两, and Arabic digits. */
final class ChineseNumerals {

  static final String DIGITS = "零一二三四五六七八九";
  static final String CHARACTERS = "零〇一二两三四五六七八九十百";

  private ChineseNumerals() {}

  /** The value of a numeral such as 十四, 二十, 三, 12; -1 when it is none. */
  static int parse(String numeral) {
    if (numeral == null || numeral.isEmpty()) {
      return -1;
    }
    if (numeral.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(numeral);
    }
    int total = 0;
    int current = 0;
    for (char c : numeral.toCharArray()) {
      int digit = digit(c);
      if (digit >= 0) {
        current = digit;
      } else if (c == '十') {
        total += (current == 0 ? 1 : current) * 10;
        current = 0;
      } else if (c == '百') {
        total += (current == 0 ? 1 : current) * 100;
        current = 0;
      } else {
        return -1;
      }
    }
    return total + current;
  }

  private static int digit(char c) {
    if (c == '〇' || c == '零') {
      return 0;
    }
    if (c == '两') {
      return 2;
    }
    return DIGITS.indexOf(c);
  }
}
