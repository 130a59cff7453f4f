package org.campaigndesk.scoring;

import java.time.LocalDate;

/**
 * One line of a unit's quarterly score: its points and the event that caused them. Stored lines
 * have an id; an approved appeal removes a line ({@code status} {@code removed}) without deleting
 * it, so both sides still see it and why. {@code appealDecision} is {@code approve} or {@code refuse}
 * (kernel.Decisions).
 */
public record ScoreLine(Long id, String planId, String tenantId, String quarter, String unitId, String unitName,
    ScoreRule rule, int points, Integer keyTaskNo, String keyTaskLabel, String step, LocalDate eventDate,
    String description, String sourceInstanceId, String status, String appealReason, String appealDecision,
    String appealDecisionReason) {

  public static final String ACTIVE = "active";
  public static final String APPEALED = "appealed";
  public static final String REMOVED = "removed";
  public static final String UPHELD = "upheld";

  /** Counts towards the total: not removed by an approved appeal. */
  public boolean counts() {
    return !REMOVED.equals(status);
  }

  @com.fasterxml.jackson.annotation.JsonProperty("ruleLabel")
  public String ruleLabel() {
    return rule.label();
  }
}
