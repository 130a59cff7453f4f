package org.campaigndesk.draft;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dictionary of the date phrases plans use: full and partial dates, month ends, 年底, 全年推进
 * (with 半年总结/年终验收), 利用3个月时间, 三年内, and month windows such as 2月至4月 or 10月—次年1月.
 */
final class DatePhrases {

  private static final String DASH = "\\s*(?:[—\\-－–~～]+|至|到)\\s*";
  private static final Pattern FULL_DATE = Pattern.compile("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日");
  private static final Pattern YEAR_MONTH_END = Pattern.compile("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月(?:底|末|份)");
  private static final Pattern YEAR_END = Pattern.compile("(\\d{4})\\s*年(?:底|末|内|年底)");
  private static final Pattern MONTH_DAY = Pattern.compile("(?<![\\d年])(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日");
  private static final Pattern MONTH_END = Pattern.compile("(?<![\\d年])(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*月(?:底|末|份|中旬|上旬|下旬)");
  private static final Pattern YEAR_MONTH = Pattern.compile("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月(?![\\d份底末])");
  private static final Pattern MONTH = Pattern.compile("(?<![\\d年月])(\\d{1,2})\\s*月(?![\\d份底末日])");
  private static final Pattern IN_MONTHS = Pattern.compile("(?:利用|用)?\\s*(\\d{1,2}|[一二三四五六七八九十两]{1,3})\\s*个月(?:左右)?(?:的)?(?:时间)?");
  private static final Pattern IN_YEARS = Pattern.compile("([一二三四五两\\d])\\s*年(?:内|时间|期间)");
  private static final Pattern HALF_YEAR = Pattern.compile("(上半年|下半年|第?[一二三四1-4]季度)");

  /** A deadline's wording is kept up to this length (the plan file's limit). */
  private static final int MAX_TEXT = 60;

  private DatePhrases() {}

  record Parsed(DraftPlan.Deadline deadline, String note) {}

  /** The deadline a 完成时限 text states, in a plan of the given year(s); null when it names none. */
  static Parsed deadline(String raw, DraftPlan.Info info) {
    return deadline(raw, info, null);
  }

  /** As {@link #deadline(String, DraftPlan.Info)}, with the year of the section the task stands in (a multi-year plan's "2019年重点任务"). */
  static Parsed deadline(String raw, DraftPlan.Info info, Integer sectionYear) {
    String text = Texts.compact(raw).replaceAll("[。；;，,]$", "");
    if (text.length() > MAX_TEXT) {
      text = text.substring(0, MAX_TEXT);
    }
    int year = sectionYear != null ? sectionYear : info.lastYear();
    boolean yearRound = text.matches(".*(全年|长期|持续推进|常态化|常年|每月|每季度|每年).*");
    if (yearRound && text.matches(".*(半年总结|年终验收|年底验收|年终考核).*")) {
      Integer y = yearIn(text, info);
      int taskYear = y != null ? y : year;
      return new Parsed(new DraftPlan.Deadline("year-round", null, null, info.multiYear() ? taskYear : null,
          LocalDate.of(taskYear, 6, 30), LocalDate.of(taskYear, 12, 31)), null);
    }
    List<LocalDate> dates = dates(text, year);
    if (!dates.isEmpty()) {
      LocalDate latest = dates.stream().max(LocalDate::compareTo).get();
      boolean plain = FULL_DATE.matcher(text).replaceAll("").replaceAll("[前止以内及]", "").isEmpty()
          || MONTH_DAY.matcher(text).replaceAll("").replaceAll("[前止以内及]", "").isEmpty();
      String note = dates.size() > 1 ? "完成时限含多个日期，取最晚的 " + latest : null;
      if (!plain && note == null && sectionYear == null && info.multiYear() && !text.matches(".*\\d{4}.*")) {
        note = "多年计划中的完成时限未写年份，按最后一年 " + year + " 理解";
      }
      return new Parsed(DraftPlan.Deadline.date(latest, plain ? null : text), note);
    }
    Matcher months = IN_MONTHS.matcher(text);
    if (months.find()) {
      int n = ChineseNumerals.parse(months.group(1));
      LocalDate start = info.issued() != null ? info.issued() : LocalDate.of(info.multiYear() ? info.yearFrom() : year, 1, 1);
      LocalDate due = start.plusMonths(n);
      return new Parsed(DraftPlan.Deadline.date(due, text), "“" + text + "”按发文日期起算为 " + due + "，请核对");
    }
    if (IN_YEARS.matcher(text).find() || text.matches(".*\\d{4}\\s*[—\\-－–~～至到]+\\s*\\d{4}.*")) {
      return new Parsed(DraftPlan.Deadline.span(text), null);
    }
    if (yearRound) {
      Integer y = yearIn(text, info);
      String note = text.matches(".*(每月|每季度|每年).*") ? "“" + text + "”是周期性要求，按全年推进处理" : null;
      return new Parsed(DraftPlan.Deadline.yearRound(info.multiYear() ? (y != null ? y : year) : null), note);
    }
    Matcher half = HALF_YEAR.matcher(text);
    if (half.find()) {
      LocalDate due = switch (half.group(1).replace("第", "")) {
        case "上半年", "二季度", "2季度" -> LocalDate.of(year, 6, 30);
        case "一季度", "1季度" -> LocalDate.of(year, 3, 31);
        case "三季度", "3季度" -> LocalDate.of(year, 9, 30);
        default -> LocalDate.of(year, 12, 31);
      };
      return new Parsed(DraftPlan.Deadline.date(due, text), null);
    }
    if (text.matches(".*(年底|年末|年内|年终|本年度|当年).*")) {
      Integer y = yearIn(text, info);
      return new Parsed(DraftPlan.Deadline.date(LocalDate.of(y != null ? y : year, 12, 31), text), null);
    }
    return null;
  }

  private static Integer yearIn(String text, DraftPlan.Info info) {
    Matcher m = Pattern.compile("(\\d{4})\\s*年").matcher(text);
    return m.find() ? Integer.parseInt(m.group(1)) : null;
  }

  /** Every date the text names, in order: full dates, month/day, month ends and year ends. */
  static List<LocalDate> dates(String text, int year) {
    List<LocalDate> dates = new ArrayList<>();
    String rest = text;
    Matcher m = FULL_DATE.matcher(rest);
    while (m.find()) {
      add(dates, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }
    rest = FULL_DATE.matcher(rest).replaceAll("§");
    m = YEAR_MONTH_END.matcher(rest);
    while (m.find()) {
      addMonthEnd(dates, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    rest = YEAR_MONTH_END.matcher(rest).replaceAll("§");
    m = YEAR_END.matcher(rest);
    while (m.find()) {
      add(dates, Integer.parseInt(m.group(1)), 12, 31);
    }
    rest = YEAR_END.matcher(rest).replaceAll("§");
    m = MONTH_DAY.matcher(rest);
    while (m.find()) {
      add(dates, year, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    rest = MONTH_DAY.matcher(rest).replaceAll("§");
    m = MONTH_END.matcher(rest);
    while (m.find()) {
      addMonthEnd(dates, year, ChineseNumerals.parse(m.group(1)));
    }
    rest = MONTH_END.matcher(rest).replaceAll("§");
    m = YEAR_MONTH.matcher(rest);
    while (m.find()) {
      addMonthEnd(dates, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    rest = YEAR_MONTH.matcher(rest).replaceAll("§");
    m = MONTH.matcher(rest);
    while (m.find()) {
      addMonthEnd(dates, year, Integer.parseInt(m.group(1)));
    }
    return dates;
  }

  private static void add(List<LocalDate> dates, int year, int month, int day) {
    if (month >= 1 && month <= 12 && day >= 1 && day <= YearMonth.of(year, month).lengthOfMonth()) {
      dates.add(LocalDate.of(year, month, day));
    }
  }

  private static void addMonthEnd(List<LocalDate> dates, int year, int month) {
    if (month >= 1 && month <= 12) {
      dates.add(YearMonth.of(year, month).atEndOfMonth());
    }
  }

  /** A time window: 1月—3月, 10月—次年1月, 2月至4月, 1至2月, 2月1日至6月30日, 1月份. */
  record Window(LocalDate start, LocalDate end, int index, int length) {}

  private static final Pattern DAY_WINDOW = Pattern.compile(
      "(\\d{1,2})月(\\d{1,2})日" + DASH + "(次年|翌年|下年|\\d{4}年)?(\\d{1,2})月(\\d{1,2})日");
  private static final Pattern MONTH_WINDOW = Pattern.compile(
      "(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*月?(?:份)?" + DASH + "(次年|翌年|下年|\\d{4}\\s*年)?\\s*(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*月(?:份|底)?");
  private static final Pattern SINGLE_MONTH = Pattern.compile("(?<![\\d月])(\\d{1,2})\\s*月份");

  /** The first window in the text, or null. */
  static Window window(String text, int year) {
    Matcher m = DAY_WINDOW.matcher(text);
    if (m.find()) {
      int endYear = nextYear(m.group(3), year);
      LocalDate start = LocalDate.of(year, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      LocalDate end = LocalDate.of(endYear, Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
      return new Window(start, end.isBefore(start) ? end.plusYears(1) : end, m.start(), m.end() - m.start());
    }
    m = MONTH_WINDOW.matcher(text);
    if (m.find()) {
      int from = ChineseNumerals.parse(m.group(1));
      int to = ChineseNumerals.parse(m.group(3));
      if (from >= 1 && from <= 12 && to >= 1 && to <= 12) {
        int endYear = nextYear(m.group(2), year);
        if (endYear == year && to < from) {
          endYear = year + 1;
        }
        return new Window(LocalDate.of(year, from, 1), YearMonth.of(endYear, to).atEndOfMonth(), m.start(), m.end() - m.start());
      }
    }
    m = SINGLE_MONTH.matcher(text);
    if (m.find()) {
      int month = Integer.parseInt(m.group(1));
      if (month >= 1 && month <= 12) {
        return new Window(LocalDate.of(year, month, 1), YearMonth.of(year, month).atEndOfMonth(), m.start(), m.end() - m.start());
      }
    }
    return null;
  }

  private static int nextYear(String word, int year) {
    if (word == null) {
      return year;
    }
    Matcher y = Pattern.compile("(\\d{4})").matcher(word);
    return y.find() ? Integer.parseInt(y.group(1)) : year + 1;
  }
}
