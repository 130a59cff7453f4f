package org.campaigndesk.task;

import static org.campaigndesk.kernel.KeyTaskVariables.DEADLINE;
import static org.campaigndesk.kernel.KeyTaskVariables.PLAN_TIMEZONE;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.kernel.Zones;
import org.campaigndesk.config.CampaignDeskProperties;
import org.springframework.stereotype.Component;

/**
 * Due dates of the key-task steps, called from the BPMN ({@code ${dueDates.signFor(execution)}}).
 * A step gets a number of days from now, ends at the end of that day in the plan's time zone, and
 * never falls after the key task's own deadline (unless that has already passed).
 */
@Component("dueDates")
public class DueDates {

  private final CampaignDeskProperties.Due due;

  public DueDates(CampaignDeskProperties properties) {
    this.due = properties.due();
  }

  public Date signFor(VariableScope scope) {
    return daysFromNow(scope, due.signForDays());
  }

  public Date implementationPlan(VariableScope scope) {
    return daysFromNow(scope, due.implementationPlanDays());
  }

  public Date acceptance(VariableScope scope) {
    return daysFromNow(scope, due.acceptanceDays());
  }

  /** Rework may run past the original deadline: the task was returned, the deadline does not cap it. */
  public Date rework(VariableScope scope) {
    return endOfDay(today(zone(scope)).plusDays(due.reworkDays()), zone(scope));
  }

  /** The work's deadline: the key task's record's, or a rectification's own {@code deadline}. */
  public Date deadline(VariableScope scope) {
    return KeyTaskRecord.present(scope) ? KeyTaskRecord.of(scope).deadlineAt() : (Date) scope.getVariable(DEADLINE);
  }

  Date daysFromNow(VariableScope scope, int days) {
    ZoneId zone = zone(scope);
    Date proposed = endOfDay(today(zone).plusDays(days), zone);
    Date deadline = deadline(scope);
    Date now = Clocks.now();
    if (deadline != null && deadline.before(proposed) && deadline.after(now)) {
      return deadline;
    }
    return proposed;
  }

  /**
   * An ISO 8601 repeating interval for a BPMN timer cycle: the given day of every month from next
   * month on, at the given hour in the plan's zone, so it fires then whatever the server's zone is.
   * The day must exist in every month (1..28).
   */
  public static String monthlyCycle(VariableScope scope, int dayOfMonth, int hour) {
    ZoneId zone = zone(scope);
    LocalDate first = today(zone).withDayOfMonth(dayOfMonth).plusMonths(1);
    return "R/" + first.atTime(hour, 0).atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "/P1M";
  }

  /** The plan's zone: the key task's record's, or the {@code planTimezone} of another process (calendar, campaign, ...). */
  public static ZoneId zone(VariableScope scope) {
    return KeyTaskRecord.present(scope) ? KeyTaskRecord.of(scope).zone() : Zones.orDefault(scope.getVariable(PLAN_TIMEZONE));
  }

  public static LocalDate today(ZoneId zone) {
    return Clocks.today(zone);
  }

  public static Date endOfDay(LocalDate day, ZoneId zone) {
    return Date.from(day.atTime(KeyTaskStarter.END_OF_DAY).atZone(zone).toInstant());
  }
}
