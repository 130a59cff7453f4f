package org.campaigndesk.reminder;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * When the reminders before one deadline go out. Each offset (days before the deadline) gives a
 * reminder at the reminder hour of that day, moved to the working day before when it falls on a
 * day off. A reminder whose time has already passed is not sent late, except that when the work
 * arrives with less time left than an offset, one reminder (the nearest passed offset) goes out
 * at once.
 */
public final class ReminderSchedule {

  /** A reminder: how many days before the deadline it stands for, and when it is due. */
  public record Reminder(int offsetDays, Instant at) {}

  private final List<Integer> offsetsDays;
  private final LocalTime reminderTime;
  private final WorkingCalendar calendar;

  public ReminderSchedule(List<Integer> offsetsDays, LocalTime reminderTime, WorkingCalendar calendar) {
    this.offsetsDays = List.copyOf(new TreeSet<>(offsetsDays).descendingSet());
    this.reminderTime = reminderTime;
    this.calendar = calendar;
  }

  public Instant reminderTime(int offsetDays, Instant due, ZoneId zone) {
    return calendar.onOrBefore(due.atZone(zone).toLocalDate().minusDays(offsetDays)).atTime(reminderTime).atZone(zone)
        .toInstant();
  }

  /**
   * The next reminder not yet handled: due now (its time has come) or later. Empty when every
   * offset is handled or the deadline itself has passed.
   */
  public Optional<Reminder> next(Instant due, ZoneId zone, Instant now, Collection<Integer> handledOffsets) {
    if (!now.isBefore(due)) {
      return Optional.empty();
    }
    Reminder passed = null;
    for (int offset : offsetsDays) {
      if (handledOffsets.contains(offset)) {
        continue;
      }
      Instant at = reminderTime(offset, due, zone);
      if (!at.isBefore(due)) {
        continue;
      }
      if (!at.isAfter(now)) {
        passed = new Reminder(offset, now);
      } else {
        return Optional.of(passed != null ? passed : new Reminder(offset, at));
      }
    }
    return Optional.ofNullable(passed);
  }

  /** Offsets that sending the given reminder settles: itself and every larger (earlier) one. */
  public List<Integer> settledBy(int offsetDays) {
    return offsetsDays.stream().filter(o -> o >= offsetDays).toList();
  }

  public Instant graceEnd(Instant due, ZoneId zone, int graceWorkingDays) {
    return calendar.plusWorkingDays(due.atZone(zone).toLocalDate(), graceWorkingDays).atTime(reminderTime).atZone(zone)
        .toInstant();
  }
}
