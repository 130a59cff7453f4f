package org.campaigndesk.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The ledger as one user sees it: the rows that pass the filters, a summary row per county (for
 * users who read several counties), and the latest quarterly red and black lists.
 */
public record Ledger(String viewer, String viewerKind, Instant asOf, List<LedgerRow> rows, List<CountySummary> counties,
    List<ScoreLists> scoreLists) {

  /** The county of instances without a tenant (an installation that does not use tenants). */
  public static final String DEFAULT_COUNTY = "default";

  public record CountySummary(String county, int total, Map<LedgerColour, Integer> byColour) {}

  public record ScoreLists(String planId, String quarter, String quarterLabel, String redList, String blackList) {}
}
