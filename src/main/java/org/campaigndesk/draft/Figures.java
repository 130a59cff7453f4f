package org.campaigndesk.draft;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Targets with figures in a text: each clause that states a quantity (154户404人, 30%, 1500人次,
 * 0.2万亩) becomes a target with the clause as its text and its last quantity as value and unit.
 */
final class Figures {

  private static final Pattern QUANTITY = Pattern.compile(
      "(?<![\\d.第])(\\d+(?:\\.\\d+)?)\\s*(万|亿)?\\s*(户|人次|人|个|亩|元|%|％|公里|千米|米|头|只|羽|箱|吨|名|期|场次|所|座|条|套|间|台|家|项|件|份|公顷|千瓦|座)");
  private static final Pattern YEAR = Pattern.compile("(20\\d{2})\\s*年");
  private static final int MAX_TARGETS = 12;
  private static final int MAX_TEXT = 500;

  private Figures() {}

  /** The targets of a text; a year is kept only when it lies in the plan's year(s). */
  static List<DraftPlan.Target> targets(String text, DraftPlan.Info info) {
    List<DraftPlan.Target> targets = new ArrayList<>();
    if (text == null) {
      return targets;
    }
    for (String clause : text.split("[，,；;。\\n]")) {
      Matcher m = QUANTITY.matcher(clause);
      Double value = null;
      String unit = null;
      while (m.find()) {
        value = Double.valueOf(m.group(1));
        unit = (m.group(2) == null ? "" : m.group(2)) + m.group(3).replace('％', '%');
      }
      if (value == null) {
        continue;
      }
      Matcher y = YEAR.matcher(clause);
      Integer year = y.find() ? Integer.valueOf(y.group(1)) : null;
      int first = info.multiYear() ? info.yearFrom() : info.lastYear();
      if (year != null && (year < first || year > info.lastYear())) {
        year = null;
      }
      String clean = clause.strip()
          .replaceAll("^([（(]\\s*\\d{1,3}\\s*[）)]|\\d{1,3}\\s*[.．、]|[一二三四五六七八九十]+是|其中[：:])\\s*", "");
      String targetText = clean.strip();
      targets.add(new DraftPlan.Target(targetText.length() > MAX_TEXT ? targetText.substring(0, MAX_TEXT) : targetText,
          value, unit, year));
      if (targets.size() == MAX_TARGETS) {
        break;
      }
    }
    return targets;
  }
}
