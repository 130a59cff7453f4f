package org.campaigndesk.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReminderScheduleTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final Instant DUE = OffsetDateTime.parse("2026-06-30T23:59:59+08:00").toInstant();

  final WorkingCalendar calendar = new WorkingCalendar(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
      Set.of(LocalDate.of(2026, 6, 23)), Set.of(LocalDate.of(2026, 6, 27)));
  final ReminderSchedule schedule = new ReminderSchedule(List.of(1, 7, 3), LocalTime.of(9, 0), calendar);

  static Instant at(String text) {
    return OffsetDateTime.parse(text).toInstant();
  }

  @Test
  void remindersFallOnWorkingDays() {
    // 7 days before is Tuesday 23 June, a holiday here: Monday 22 June instead.
    assertThat(schedule.reminderTime(7, DUE, SHANGHAI)).isEqualTo(at("2026-06-22T09:00:00+08:00"));
    // 3 days before is Saturday 27 June, a make-up working day (调休): it stays.
    assertThat(schedule.reminderTime(3, DUE, SHANGHAI)).isEqualTo(at("2026-06-27T09:00:00+08:00"));
    assertThat(schedule.reminderTime(1, DUE, SHANGHAI)).isEqualTo(at("2026-06-29T09:00:00+08:00"));
    // An ordinary weekend: Sunday 28 June moves to Saturday 27 June (a make-up day), Sunday 5 July to Friday 3 July.
    assertThat(calendar.onOrBefore(LocalDate.of(2026, 6, 28))).isEqualTo(LocalDate.of(2026, 6, 27));
    assertThat(calendar.onOrBefore(LocalDate.of(2026, 7, 5))).isEqualTo(LocalDate.of(2026, 7, 3));
  }

  @Test
  void nextReminder_inOrder_andNoneOnceAllAreHandled() {
    Instant march = at("2026-03-10T10:00:00+08:00");
    assertThat(schedule.next(DUE, SHANGHAI, march, List.of()))
        .contains(new ReminderSchedule.Reminder(7, at("2026-06-22T09:00:00+08:00")));
    assertThat(schedule.next(DUE, SHANGHAI, march, List.of(7)))
        .contains(new ReminderSchedule.Reminder(3, at("2026-06-27T09:00:00+08:00")));
    assertThat(schedule.next(DUE, SHANGHAI, march, List.of(7, 3, 1))).isEmpty();
    assertThat(schedule.next(DUE, SHANGHAI, at("2026-07-01T09:00:00+08:00"), List.of())).isEmpty();
  }

  @Test
  void workArrivingLate_getsOneReminderAtOnce_thenTheRemainingOnes() {
    Instant late = at("2026-06-28T15:00:00+08:00");
    ReminderSchedule.Reminder now = schedule.next(DUE, SHANGHAI, late, List.of()).orElseThrow();
    assertThat(now).isEqualTo(new ReminderSchedule.Reminder(3, late));
    assertThat(schedule.settledBy(3)).containsExactly(7, 3);
    assertThat(schedule.next(DUE, SHANGHAI, late, schedule.settledBy(3)))
        .contains(new ReminderSchedule.Reminder(1, at("2026-06-29T09:00:00+08:00")));
  }

  @Test
  void gracePeriodCountsWorkingDays() {
    // Wed 1, Thu 2, Fri 3, Mon 6, Tue 7 July.
    assertThat(schedule.graceEnd(DUE, SHANGHAI, 5)).isEqualTo(at("2026-07-07T09:00:00+08:00"));
  }
}
