package org.campaigndesk.config;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings under {@code campaign-desk.*}; application.yaml documents each one. */
@ConfigurationProperties("campaign-desk")
public record CampaignDeskProperties(
    @DefaultValue Demo demo,
    @DefaultValue Admin admin,
    @DefaultValue Due due,
    @DefaultValue("20") int progressReportDay,
    @DefaultValue Reminders reminders,
    @DefaultValue Calendar calendar,
    @DefaultValue Mail mail,
    @DefaultValue Escalation escalation,
    @DefaultValue("1") int dispatchDay,
    @DefaultValue DefaultRegion defaultRegion) {

  public CampaignDeskProperties {
    if (progressReportDay < 1 || progressReportDay > 28) {
      throw new IllegalArgumentException("campaign-desk.progress-report-day: " + progressReportDay
          + " must be between 1 and 28, so that every month has that day");
    }
    if (dispatchDay < 1 || dispatchDay > 28) {
      throw new IllegalArgumentException("campaign-desk.dispatch-day: " + dispatchDay
          + " must be between 1 and 28, so that every month has that day");
    }
  }

  /** Embedded-default conveniences: demo passwords and a plan imported on first start. */
  public record Demo(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("demo") String password,
      @DefaultValue("plans/lufeng-2020.yaml") String plan) {}

  /** Reminders before a deadline, and when an overdue task escalates to an interview. */
  public record Reminders(
      @DefaultValue({"7", "3", "1"}) List<Integer> offsetsDays,
      @DefaultValue("09:00") LocalTime time,
      @DefaultValue("5") int graceWorkingDays) {}

  /**
   * Working days: weekends, the official public holidays and make-up working days (调休) of the State
   * Council's yearly notices (read from {@code officialDays}, a resource; blank for none), and the
   * days configured here, which add to the official ones and win over them.
   */
  public record Calendar(
      @DefaultValue({"SATURDAY", "SUNDAY"}) Set<DayOfWeek> weekend,
      @DefaultValue({}) Set<LocalDate> holidays,
      @DefaultValue({}) Set<LocalDate> makeUpWorkingDays,
      @DefaultValue(OFFICIAL_DAYS) String officialDays) {

    public static final String OFFICIAL_DAYS = "classpath:calendar/cn-public-holidays.yaml";
  }

  /**
   * Outgoing mail. Without SMTP (the embedded default) every mail is kept in the outbox and read at
   * /api/mail; with SMTP it is also sent through spring.mail.*.
   */
  public record Mail(
      @DefaultValue("false") boolean smtpEnabled,
      @DefaultValue("campaign-desk@localhost") String from,
      @DefaultValue("http://localhost:8080/camunda/app/tasklist/default/") String tasklistUrl) {}

  /** Who interviews the heads of units that miss deadlines (县纪委监委). */
  public record Escalation(@DefaultValue("discipline-commission") String interviewGroup) {}

  /**
   * The county a plan file without {@code plan.region} belongs to; with no id set such a plan is
   * refused and must name its region.
   */
  public record DefaultRegion(String id, String name) {
    public boolean isSet() {
      return id != null && !id.isBlank();
    }
  }

  public record Admin(@DefaultValue("admin") String userId, String password, String email) {}

  /** Days a step may take before its task is due; all capped at the key task's deadline. */
  public record Due(
      @DefaultValue("3") int signForDays,
      @DefaultValue("10") int implementationPlanDays,
      @DefaultValue("5") int acceptanceDays,
      @DefaultValue("10") int reworkDays) {}
}
