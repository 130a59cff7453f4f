package org.campaigndesk.draft;

import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/** Toneless lower-case pinyin (pinyin4j), the first reading of a character with several. */
final class Pinyin {

  private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

  static {
    FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
    FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
    FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
  }

  private Pinyin() {}

  /** "邝华然" → "kuanghuaran"; ASCII letters and digits are kept, everything else dropped. */
  static String full(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(syllable(c));
    }
    return out.toString();
  }

  /** "扶贫办" → "fpb". */
  static String initials(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      String s = syllable(c);
      if (!s.isEmpty()) {
        out.append(Texts.isHan(c) ? s.substring(0, 1) : s);
      }
    }
    return out.toString();
  }

  private static String syllable(char c) {
    if (c < 128) {
      return Character.isLetterOrDigit(c) ? String.valueOf(Character.toLowerCase(c)) : "";
    }
    try {
      String[] readings = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
      return readings == null || readings.length == 0 ? "" : readings[0].replaceAll("[^a-z]", "");
    } catch (BadHanyuPinyinOutputFormatCombination e) {
      return "";
    }
  }
}
