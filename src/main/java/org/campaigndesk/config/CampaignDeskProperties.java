package org.campaigndesk.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings under {@code campaign-desk.*}; application.yaml documents each one. */
@ConfigurationProperties("campaign-desk")
public record CampaignDeskProperties(
    @DefaultValue Demo demo,
    @DefaultValue Admin admin,
    @DefaultValue Due due,
    @DefaultValue("20") int progressReportDay) {

  public CampaignDeskProperties {
    if (progressReportDay < 1 || progressReportDay > 28) {
      throw new IllegalArgumentException("campaign-desk.progress-report-day: " + progressReportDay
          + " must be between 1 and 28, so that every month has that day");
    }
  }

  /** Embedded-default conveniences: demo passwords and a plan imported on first start. */
  public record Demo(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("demo") String password,
      @DefaultValue("plans/lufeng-2020.yaml") String plan) {}

  public record Admin(@DefaultValue("admin") String userId, String password) {}

  /** Days a step may take before its task is due; all capped at the key task's deadline. */
  public record Due(
      @DefaultValue("3") int signForDays,
      @DefaultValue("10") int implementationPlanDays,
      @DefaultValue("5") int acceptanceDays,
      @DefaultValue("10") int reworkDays) {}
}
