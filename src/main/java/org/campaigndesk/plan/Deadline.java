package org.campaigndesk.plan;

import java.time.LocalDate;
import java.util.Optional;

/** When a key task is due, in one of the three shapes the plans use. */
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

  record FixedDate(LocalDate dueDate) implements Deadline {
    @Override
    public String text() {
      return ChineseDates.format(dueDate) + "前";
    }

    @Override
    public Deadline shiftedByYears(int years) {
      return new FixedDate(dueDate.plusYears(years));
    }
  }

  /** "全年推进": due at the end of the plan year. */
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
