package org.campaigndesk.reminder;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * Working days as the county's offices keep them: weekends off, public holidays off, and the
 * make-up working days (调休) that turn a weekend day into a working day.
 */
public record WorkingCalendar(Set<DayOfWeek> weekend, Set<LocalDate> holidays, Set<LocalDate> makeUpWorkingDays) {

  public WorkingCalendar {
    weekend = Set.copyOf(weekend);
    holidays = Set.copyOf(holidays);
    makeUpWorkingDays = Set.copyOf(makeUpWorkingDays);
  }

  public boolean isWorkingDay(LocalDate day) {
    if (makeUpWorkingDays.contains(day)) {
      return true;
    }
    return !weekend.contains(day.getDayOfWeek()) && !holidays.contains(day);
  }

  /** The day itself when it is a working day, else the last working day before it. */
  public LocalDate onOrBefore(LocalDate day) {
    LocalDate d = day;
    while (!isWorkingDay(d)) {
      d = d.minusDays(1);
    }
    return d;
  }

  /** The n-th working day after the given day (n ≥ 1). */
  public LocalDate plusWorkingDays(LocalDate day, int n) {
    LocalDate d = day;
    int counted = 0;
    while (counted < n) {
      d = d.plusDays(1);
      if (isWorkingDay(d)) {
        counted++;
      }
    }
    return d;
  }
}
