package org.campaigndesk.ledger;

import java.util.List;

/**
 * One key task on the ledger (台账), as the page, the JSON and the Excel export show it.
 *
 * @param county the county (Camunda tenant id) the key task belongs to; null on an installation without tenants
 * @param currentStep the open steps and who holds them; empty when closed
 * @param lastReport the latest monthly progress report submitted ("2026年4月 · 2026-04-18：…"), or null
 * @param closedOutDate the date of close-out (销号), for grey rows
 */
public record LedgerRow(
    String instanceId,
    String county,
    String planId,
    String planTitle,
    int taskNo,
    String taskLabel,
    String title,
    String leadLeaders,
    List<String> leadLeaderIds,
    String leadUnit,
    String leadUnitId,
    String coLeadUnits,
    String responsibleUnits,
    List<String> unitIds,
    String campaign,
    String deadlineDate,
    String deadlineText,
    String currentStep,
    String lastReportMonth,
    String lastReportDate,
    String lastReport,
    List<String> openProblems,
    String extensions,
    LedgerColour colour,
    String colourLabel,
    boolean closed,
    String closedOutDate,
    boolean reportMissing,
    List<MissingReport> missingReports) {

  /** A monthly report not (yet) submitted: its month, due date and whether the due date has passed. */
  public record MissingReport(String month, String dueDate, boolean overdue) {}

  @com.fasterxml.jackson.annotation.JsonProperty("status")
  public String status() {
    return closed ? "已销号" : "推进中";
  }
}
