package org.campaigndesk.plan;

import java.time.LocalDate;
import java.util.Optional;

/** When a key task is due, in one of the shapes the plans use. */
public sealed interface Deadline {

  /** The date by which the work must be done. */
  LocalDate dueDate();

  /** How the plan states it, for people ("2020年6月30日前"). */
  String text();

  Deadline shiftedByYears(int years);

  /** The half-year summary date, for year-round tasks that have one. */
  default Optional<LocalDate> summaryDate() {
    return Optional.empty();
  }

  /** A date; {@code wording} is the source's own phrase ("2019年底前"), null to write the date out. */
  record FixedDate(LocalDate dueDate, String wording) implements Deadline {
    public FixedDate(LocalDate dueDate) {
      this(dueDate, null);
    }

    @Override
    public String text() {
      String date = ChineseDates.format(dueDate) + "前";
      return wording == null ? date : wording + "（" + date + "）";
    }

    @Override
    public Deadline shiftedByYears(int years) {
      return new FixedDate(dueDate.plusYears(years), wording == null ? null : shiftYearsInText(wording, years));
    }
  }

  /** "全年推进": due at the end of the year the task belongs to. */
  record YearRound(LocalDate dueDate) implements Deadline {
    @Override
    public String text() {
      return "全年推进（" + ChineseDates.format(dueDate) + "前）";
    }

    @Override
    public Deadline shiftedByYears(int years) {
      return new YearRound(dueDate.plusYears(years));
    }
  }

  /** Due at the end of a multi-year plan's span ("三年内", "2018—2020年"). */
  record Span(LocalDate dueDate, String wording) implements Deadline {
    @Override
    public String text() {
      return wording + "（" + ChineseDates.format(dueDate) + "前）";
    }

    @Override
    public Deadline shiftedByYears(int years) {
      return new Span(dueDate.plusYears(years), shiftYearsInText(wording, years));
    }
  }

  /** Years written in a wording ("2019年底前") move with the dates (the demo runs a past plan today). */
  static String shiftYearsInText(String text, int years) {
    if (years == 0) {
      return text;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<!\\d)(20\\d\\d)(?!\\d)").matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Integer.toString(Integer.parseInt(m.group(1)) + years));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** "全年推进、半年总结、年终验收". */
  record YearRoundWithReviews(LocalDate summary, LocalDate acceptance) implements Deadline {
    @Override
    public LocalDate dueDate() {
      return acceptance;
    }

    @Override
    public Optional<LocalDate> summaryDate() {
      return Optional.of(summary);
    }

    @Override
    public String text() {
      return "全年推进、半年总结（" + ChineseDates.format(summary) + "）、年终验收（"
          + ChineseDates.format(acceptance) + "）";
    }

    @Override
    public Deadline shiftedByYears(int years) {
      return new YearRoundWithReviews(summary.plusYears(years), acceptance.plusYears(years));
    }
  }
}
