package org.campaigndesk.scoring;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A calendar quarter, written {@code 2026-Q1}. */
public record Quarter(int year, int number) implements Comparable<Quarter> {

  private static final Pattern TEXT = Pattern.compile("(\\d{4})-Q([1-4])");
  private static final String[] NUMERALS = {"一", "二", "三", "四"};

  public Quarter {
    if (number < 1 || number > 4) {
      throw new IllegalArgumentException("quarter " + number);
    }
  }

  public static Quarter parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a quarter: '" + text + "' (expected e.g. 2026-Q1)");
    }
    return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  public static Quarter of(LocalDate day) {
    return new Quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
  }

  public LocalDate start() {
    return LocalDate.of(year, (number - 1) * 3 + 1, 1);
  }

  public LocalDate end() {
    return start().plusMonths(3).minusDays(1);
  }

  public boolean contains(LocalDate day) {
    return day != null && !day.isBefore(start()) && !day.isAfter(end());
  }

  public String label() {
    return year + "年第" + NUMERALS[number - 1] + "季度";
  }

  @Override
  public String toString() {
    return year + "-Q" + number;
  }

  @Override
  public int compareTo(Quarter o) {
    return Integer.compare(year * 10 + number, o.year * 10 + o.number);
  }
}
