package org.campaigndesk.plan;

import java.time.LocalDate;
import java.time.YearMonth;

/** Dates and numbers written the way the county's documents write them. */
public final class ChineseDates {

  private static final String[] DIGITS = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

  private ChineseDates() {}

  public static String format(LocalDate date) {
    return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
  }

  public static String format(YearMonth month) {
    return month.getYear() + "年" + month.getMonthValue() + "月";
  }

  /** 1 → 一, 10 → 十, 13 → 十三, 20 → 二十, 45 → 四十五 (key task numbers stay below 100). */
  public static String numeral(int n) {
    if (n <= 0 || n >= 100) {
      return Integer.toString(n);
    }
    if (n < 10) {
      return DIGITS[n];
    }
    int tens = n / 10;
    int ones = n % 10;
    return (tens == 1 ? "" : DIGITS[tens]) + "十" + (ones == 0 ? "" : DIGITS[ones]);
  }
}
