package org.campaigndesk.scoring;

import org.campaigndesk.kernel.InChunks;
import org.campaigndesk.task.KeyTaskRecord;

import static org.campaigndesk.kernel.KeyTaskVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.campaigndesk.config.CampaignDeskProperties;
import org.campaigndesk.reminder.WorkingCalendar;
import org.springframework.stereotype.Component;

/**
 * Reads what happened in a plan's quarter from Camunda's history, in a few bulk queries: key tasks
 * closed out on time or overdue (lead unit), monthly reports not submitted by their due date,
 * acceptances returned (each rework task), and interviews of the discipline commission.
 */
@Component
public class ScoreEvents {

  private final HistoryService historyService;
  private final WorkingCalendar calendar;

  public ScoreEvents(HistoryService historyService, CampaignDeskProperties properties) {
    this.historyService = historyService;
    CampaignDeskProperties.Calendar cal = properties.calendar();
    this.calendar = new WorkingCalendar(cal.weekend(), cal.holidays(), cal.makeUpWorkingDays());
  }

  public WorkingCalendar calendar() {
    return calendar;
  }

  /** @param now events up to this moment count (the quarter's end when scored on time) */
  public List<ScoreEvent> collect(String planId, Quarter quarter, ZoneId zone, Date now) {
    LocalDate today = LocalDate.ofInstant(now.toInstant(), zone);
    List<HistoricProcessInstance> keyTasks = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).variableValueEquals(PLAN_ID, planId).list();
    List<ScoreEvent> events = new ArrayList<>();
    if (keyTasks.isEmpty()) {
      return events;
    }
    String[] ids = keyTasks.stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
    List<String> names = new ArrayList<>(KeyTaskRecord.FACT_NAMES);
    names.add(CLOSED_OUT_AT);
    Map<String, Map<String, Object>> vars = processVariables(ids, names.toArray(String[]::new));
    // Each key task's facts from its record (one that ended before the record keeps its own variables).
    vars.replaceAll((id, variables) -> KeyTaskRecord.facts(variables));
    Map<String, String> idByBusinessKey = keyTasks.stream()
        .collect(Collectors.toMap(HistoricProcessInstance::getBusinessKey, HistoricProcessInstance::getId, (a, b) -> a));

    for (HistoricProcessInstance keyTask : keyTasks) {
      Map<String, Object> v = vars.getOrDefault(keyTask.getId(), Map.of());
      if (v.get(DEADLINE_DATE) == null || v.get(LEAD_UNIT_ID) == null) {
        continue;
      }
      LocalDate deadline = LocalDate.parse(v.get(DEADLINE_DATE).toString());
      Date closedAt = (Date) v.get(CLOSED_OUT_AT);
      LocalDate closedOn = closedAt == null ? null : LocalDate.ofInstant(closedAt.toInstant(), zone);
      if (closedOn != null && closedAt.compareTo(now) <= 0 && quarter.contains(closedOn) && !closedOn.isAfter(deadline)) {
        events.add(event(v, ScoreRule.ON_TIME_CLOSE_OUT, "销号", closedOn, 1,
            "完成时限" + deadline + "，" + closedOn + "验收通过销号", keyTask.getId()));
      }
      if (deadline.isBefore(quarter.end()) && deadline.isBefore(today)) {
        int days = QuarterScoring.overdueWorkingDays(calendar, deadline, closedOn, quarter, today);
        if (days > 0) {
          events.add(event(v, ScoreRule.OVERDUE_WORKING_DAYS, "办结时限", deadline, days,
              "完成时限" + deadline + (closedOn == null ? "，至今未销号" : "，" + closedOn + "销号") + "；本季度逾期" + days + "个工作日",
              keyTask.getId()));
        }
      }
    }

    String[] businessKeys = idByBusinessKey.keySet().toArray(String[]::new);
    for (HistoricTaskInstance task : historyService.createHistoricTaskInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .processInstanceBusinessKeyIn(businessKeys).taskDefinitionKeyIn("Task_ProgressReport", "Task_Rework").list()) {
      Map<String, Object> v = vars.get(task.getProcessInstanceId());
      if (v == null || !idByBusinessKey.containsValue(task.getProcessInstanceId())) {
        continue;
      }
      if ("Task_ProgressReport".equals(task.getTaskDefinitionKey())) {
        Date due = task.getDueDate();
        if (due == null || !due.before(now)) {
          continue;
        }
        LocalDate dueDay = LocalDate.ofInstant(due.toInstant(), zone);
        boolean missed = task.getEndTime() == null || task.getEndTime().after(due);
        if (missed && quarter.contains(dueDay)) {
          events.add(event(v, ScoreRule.MISSED_MONTHLY_REPORT, task.getName(), dueDay, 1,
              task.getEndTime() == null ? "报送期限" + dueDay + "，未报送" : "报送期限" + dueDay + "，"
                  + LocalDate.ofInstant(task.getEndTime().toInstant(), zone) + "才报送",
              task.getProcessInstanceId()));
        }
      } else {
        LocalDate returned = LocalDate.ofInstant(task.getStartTime().toInstant(), zone);
        if (quarter.contains(returned) && !task.getStartTime().after(now)) {
          events.add(event(v, ScoreRule.ACCEPTANCE_RETURNED, "验收", returned, 1, "验收未通过，退回整改",
              task.getProcessInstanceId()));
        }
      }
    }

    List<HistoricProcessInstance> escalations = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("escalation").variableValueEquals(PLAN_ID, planId).list();
    if (escalations.stream().anyMatch(e -> e.getBusinessKey() != null)) {
      Set<String> escalationIds = escalations.stream().map(HistoricProcessInstance::getId).collect(Collectors.toSet());
      Map<String, Map<String, Object>> escalationVars = processVariables(escalationIds.toArray(String[]::new),
          LEAD_UNIT_ID, LEAD_UNIT_NAME, TASK_LABEL, "watchSubject", "guardedInstanceId");
      Set<String> escalationKeys = escalations.stream().map(HistoricProcessInstance::getBusinessKey)
          .filter(k -> k != null).collect(Collectors.toSet());
      for (HistoricTaskInstance interview : historyService.createHistoricTaskInstanceQuery().processDefinitionKey("escalation")
          .processInstanceBusinessKeyIn(escalationKeys.toArray(String[]::new)).taskDefinitionKey("Task_Interview").finished().list()) {
        if (!escalationIds.contains(interview.getProcessInstanceId()) || interview.getEndTime().after(now)) {
          continue;
        }
        LocalDate day = LocalDate.ofInstant(interview.getEndTime().toInstant(), zone);
        if (!quarter.contains(day)) {
          continue;
        }
        Map<String, Object> e = escalationVars.getOrDefault(interview.getProcessInstanceId(), Map.of());
        Object guarded = e.get("guardedInstanceId");
        Map<String, Object> keyTask = guarded == null ? null : vars.get(guarded.toString());
        Map<String, Object> v = new HashMap<>(e);
        v.put(TASK_NO, keyTask == null ? null : keyTask.get(TASK_NO));
        events.add(event(v, ScoreRule.INTERVIEW, "约谈", day, 1, e.get("watchSubject") + "逾期，县纪委监委约谈",
            guarded == null ? interview.getProcessInstanceId() : guarded.toString()));
      }
    }
    return events;
  }

  private static ScoreEvent event(Map<String, Object> v, ScoreRule rule, String step, LocalDate date, int count, String detail,
      String sourceInstanceId) {
    Object no = v.get(TASK_NO);
    return new ScoreEvent((String) v.get(LEAD_UNIT_ID), (String) v.get(LEAD_UNIT_NAME), rule,
        no == null ? null : Integer.valueOf(no.toString()), (String) v.get(TASK_LABEL), step, date, count, detail,
        sourceInstanceId);
  }

  /** Process-scope variables of many instances in one query per {@value InChunks#SIZE} instances. */
  Map<String, Map<String, Object>> processVariables(String[] instanceIds, String... names) {
    Map<String, Map<String, Object>> out = new HashMap<>();
    for (List<String> ids : InChunks.of(java.util.Arrays.asList(instanceIds))) {
      String[] chunk = ids.toArray(String[]::new);
      for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery().processInstanceIdIn(chunk)
          .variableNameIn(names).disableCustomObjectDeserialization().list()) {
        if (v.getTaskId() != null) {
          continue;
        }
        Map<String, Object> values = out.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>());
        boolean processScope = v.getProcessInstanceId().equals(v.getActivityInstanceId());
        if (processScope || !values.containsKey(v.getName())) {
          values.put(v.getName(), v.getValue());
        }
      }
    }
    return out;
  }
}
