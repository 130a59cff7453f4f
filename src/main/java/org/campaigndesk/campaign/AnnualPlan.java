package org.campaigndesk.campaign;

import org.campaigndesk.kernel.ShownLines;
import java.util.Map;
import org.campaigndesk.task.KeyTaskRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import org.campaigndesk.kernel.JsonLists;
import org.campaigndesk.task.DueDates;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Component;

/**
 * The annual-plan process's collections, and at the end of the plan year the record of which key
 * tasks were closed out and which are carried over into the next year (they go on running).
 */
@Component("annualPlan")
public class AnnualPlan implements JavaDelegate {

  public static final String CARRIED_OVER = "carriedOver";

  private final RuntimeService runtimeService;
  private final HistoryService historyService;

  /** Plans with more key tasks start them one by one in jobs of their own (the import answers at once). */
  private final int fanOutAbove;

  public AnnualPlan(RuntimeService runtimeService, HistoryService historyService,
      @org.springframework.beans.factory.annotation.Value("${campaign-desk.import.fan-out-above:200}") int fanOutAbove) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.fanOutAbove = fanOutAbove;
  }

  /** Whether this plan is large enough to start its key tasks one per job (annual-plan's Gateway_FanOut). */
  public boolean fansOut(VariableScope scope) {
    return fansOut(keyTaskNos(scope).size());
  }

  public boolean fansOut(int keyTasks) {
    return keyTasks > fanOutAbove;
  }

  public List<String> keyTaskNos(VariableScope scope) {
    return JsonLists.read(scope.getVariable(AnnualPlanStarter.KEY_TASK_NOS));
  }

  public List<String> campaignIds(VariableScope scope) {
    return JsonLists.read(scope.getVariable(AnnualPlanStarter.CAMPAIGN_IDS));
  }

  /** The 31 Decembers of a multi-year plan before its last year, as timer dates (none for a one-year plan). */
  public List<Date> earlierYearEnds(VariableScope scope) {
    Object value = scope.getVariable(AnnualPlanStarter.EARLIER_YEAR_ENDS);
    if (value == null) {
      return List.of();
    }
    List<Date> ends = new ArrayList<>();
    for (String text : JsonLists.read(value)) {
      ends.add(Date.from(Instant.parse(text)));
    }
    return ends;
  }

  /**
   * The end of an earlier year of a multi-year plan: key tasks due by then and still open are
   * carried over into the next year (they go on running); those due later are in progress.
   */
  public void recordYear(DelegateExecution execution) {
    Date yearEnd = (Date) execution.getVariable("earlierYearEnd");
    ZoneId zone = DueDates.zone(execution);
    int year = LocalDate.ofInstant(yearEnd.toInstant(), zone).getYear();
    List<String> status = new ArrayList<>();
    List<String> carriedOver = new ArrayList<>();
    for (HistoricProcessInstance keyTask : keyTasks(execution)) {
      Map<String, Object> facts = KeyTaskRecord.historicFacts(historyService, keyTask.getId());
      String label = String.valueOf(facts.get(KeyTaskVariables.TASK_LABEL));
      Object deadline = facts.get(KeyTaskVariables.DEADLINE);
      if (keyTask.getEndTime() != null) {
        status.add(label + "：已销号");
      } else if (deadline instanceof Date due && !due.after(yearEnd)) {
        runtimeService.setVariable(keyTask.getId(), CARRIED_OVER, true);
        status.add(label + "：未完成，结转" + (year + 1) + "年");
        carriedOver.add(label);
      } else {
        status.add(label + "：推进中");
      }
    }
    execution.setVariableLocal("summaryYearLabel", year + "年");
    execution.setVariableLocal("keyTaskStatusText", ShownLines.of(status));
    execution.setVariableLocal("carriedOverKeyTasksText", ShownLines.of(carriedOver));
    execution.setVariableLocal("carriedOverCount", carriedOver.size());
  }

  private List<HistoricProcessInstance> keyTasks(DelegateExecution execution) {
    return historyService.createHistoricProcessInstanceQuery()
        .superProcessInstanceId(execution.getProcessInstanceId())
        .processDefinitionKey(KeyTaskVariables.PROCESS_KEY)
        .orderByProcessInstanceBusinessKey().asc()
        .list();
  }

  /** Year end: every key task still open is marked carried over; the summary lists both kinds. */
  @Override
  public void execute(DelegateExecution execution) {
    List<String> status = new ArrayList<>();
    List<String> carriedOver = new ArrayList<>();
    for (HistoricProcessInstance keyTask : keyTasks(execution)) {
      String label = (String) KeyTaskRecord.historicFacts(historyService, keyTask.getId()).get(KeyTaskVariables.TASK_LABEL);
      if (keyTask.getEndTime() != null) {
        status.add(label + "：已销号");
      } else {
        runtimeService.setVariable(keyTask.getId(), CARRIED_OVER, true);
        status.add(label + "：未完成，结转下年度");
        carriedOver.add(label);
      }
    }
    execution.setVariable("keyTaskStatusText", ShownLines.of(status));
    execution.setVariable("carriedOverKeyTasksText", ShownLines.of(carriedOver));
    execution.setVariable("carriedOverCount", carriedOver.size());
  }
}
