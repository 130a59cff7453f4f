package org.campaigndesk.draft;

import java.util.Map;
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

  /** Surnames read otherwise than the character's first reading (曾 zeng, 单 shan, …). */
  private static final Map<Character, String> SURNAMES = Map.ofEntries(
      Map.entry('曾', "zeng"), Map.entry('单', "shan"), Map.entry('乐', "yue"), Map.entry('覃', "qin"),
      Map.entry('区', "ou"), Map.entry('解', "xie"), Map.entry('仇', "qiu"), Map.entry('朴', "piao"),
      Map.entry('查', "zha"), Map.entry('盖', "ge"), Map.entry('缪', "miao"), Map.entry('柏', "bai"),
      Map.entry('沈', "shen"), Map.entry('尉', "wei"), Map.entry('翟', "zhai"));
  /** Readings usual in given names where the first reading is not (长江 chang, 朝阳 chao). */
  private static final Map<Character, String> GIVEN_NAMES = Map.of('长', "chang", '朝', "chao", '行', "xing", '重', "zhong");

  /** A person's name: "曾长江" → "zengchangjiang". */
  static String name(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      String reading = i == 0 ? SURNAMES.get(c) : GIVEN_NAMES.get(c);
      out.append(reading != null ? reading : syllable(c));
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
