package org.campaigndesk.supervision;

import java.util.List;
import org.campaigndesk.kernel.JsonLists;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.campaigndesk.kernel.Json;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.campaigndesk.plan.ChineseDates;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.task.DueDates;
import org.campaigndesk.task.JsonVariables;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Component;

/** Input of the inspection's call activity into {@code rectification}: one problem of the list. */
@Component("rectificationInputs")
public class RectificationInputs implements DelegateVariableMapping {

  /** The number of the key task a rectification concerns (Integer), absent when it concerns none. */
  public static final String KEY_TASK_NO = "keyTaskNo";
  /** How that key task is shown: its label, or "—". */
  public static final String KEY_TASK_LABEL = "keyTaskLabel";

  private final ObjectMapper json = Json.MAPPER;

  @Override
  public void mapInputVariables(DelegateExecution superExecution, VariableMap sub) {
    PlanFacts plan = PlanFacts.of(superExecution);
    JsonNode problem;
    try {
      problem = json.readTree(JsonVariables.text(superExecution.getVariable(Inspections.PROBLEMS)))
          .get(Integer.parseInt(superExecution.getVariable("problemIndex").toString()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("problems is not JSON", e);
    }
    String description = problem.path("description").asText();
    String unitId = problem.path("unitId").asText();
    LocalDate deadline = LocalDate.parse(problem.path("deadline").asText());
    String shortText = description.length() > 24 ? description.substring(0, 24) + "…" : description;
    sub.putValue(KeyTaskVariables.PLAN_ID, plan.planId())
        .putValue(KeyTaskVariables.PLAN_TITLE, plan.title())
        .putValue(KeyTaskVariables.PLAN_TIMEZONE, plan.timezone())
        .putValue("problem", description)
        .putValue(Inspections.INSPECTION_MONTH_LABEL, superExecution.getVariable(Inspections.INSPECTION_MONTH_LABEL))
        .putValue(KeyTaskVariables.TASK_LABEL, "【整改】" + shortText)
        .putValue(KeyTaskVariables.LEAD_UNIT_ID, unitId)
        .putValue(KeyTaskVariables.LEAD_UNIT_NAME, plan.unitName(unitId))
        .putValue(KeyTaskVariables.DEADLINE, DueDates.endOfDay(deadline, plan.zone()))
        .putValue(KeyTaskVariables.DEADLINE_TEXT, ChineseDates.format(deadline) + "前");
    List<String> leaderIds = List.of();
    String leaderNames = "—";
    String keyTaskLabel = "—";
    Integer keyTaskNo = null;
    if (problem.hasNonNull("keyTaskNo")) {
      int no = problem.get("keyTaskNo").asInt();
      keyTaskNo = no;
      PlanFacts.KeyTask keyTask = plan.keyTask(no).orElseThrow();
      keyTaskLabel = keyTask.label();
      leaderIds = keyTask.leadLeaderIds();
      leaderNames = String.join("、", keyTask.leadLeaderIds().stream().map(plan::leaderName).toList());
    }
    // Found by its number (dispatch, ledger); the label is for people.
    sub.putValue(KEY_TASK_NO, keyTaskNo)
        .putValue(KEY_TASK_LABEL, keyTaskLabel)
        .putValueTyped(KeyTaskVariables.LEAD_LEADER_IDS, JsonLists.of(leaderIds))
        .putValue(KeyTaskVariables.LEAD_LEADER_NAMES, leaderNames);
  }

  @Override
  public void mapOutputVariables(DelegateExecution superExecution, VariableScope subInstance) {
    // Each rectification keeps its own record.
  }
}
