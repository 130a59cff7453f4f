package org.campaigndesk.scoring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Quarterly scoring rules ({@code campaign-desk.scoring.*}; application.yaml documents each one).
 * Points are whole numbers; deductions are configured as positive numbers and recorded as negative lines.
 */
@ConfigurationProperties("campaign-desk.scoring")
public record ScoringProperties(
    @DefaultValue("2") int onTimeCloseOut,
    @DefaultValue("1") int overdueWorkingDay,
    @DefaultValue("2") int missedMonthlyReport,
    @DefaultValue("1") int acceptanceReturned,
    @DefaultValue("5") int interview,
    @DefaultValue("20") int maxDeductionPerQuarter,
    @DefaultValue("10") int maxAdditionPerQuarter,
    @DefaultValue("5") int appealWorkingDays,
    @DefaultValue("3") int listSize,
    @DefaultValue("http://localhost:8080/ledger") String ledgerUrl) {

  public ScoringProperties {
    if (maxDeductionPerQuarter < 0 || maxAdditionPerQuarter < 0 || appealWorkingDays < 1 || listSize < 1) {
      throw new IllegalArgumentException("campaign-desk.scoring: caps must not be negative, appeal-working-days and list-size at least 1");
    }
  }

  /** Points of one occurrence of the rule (negative for deductions); {@link ScoreRule#CAP} has none. */
  public int pointsOf(ScoreRule rule) {
    return switch (rule) {
      case ON_TIME_CLOSE_OUT -> onTimeCloseOut;
      case OVERDUE_WORKING_DAYS -> -overdueWorkingDay;
      case MISSED_MONTHLY_REPORT -> -missedMonthlyReport;
      case ACCEPTANCE_RETURNED -> -acceptanceReturned;
      case INTERVIEW -> -interview;
      case CAP -> 0;
    };
  }
}
