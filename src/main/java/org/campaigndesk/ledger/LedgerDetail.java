package org.campaigndesk.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.campaigndesk.mail.MailOutbox;
import org.campaigndesk.task.KeyTaskVariables;
import org.springframework.stereotype.Service;

/**
 * A key task's full history for the ledger's detail view, also once it is closed: every step (who,
 * when, due, outcome, what was submitted on it), every value recorded on the key task with its
 * time, the deadline watches and escalations it started, and every mail sent about it.
 */
@Service
public class LedgerDetail {

  /** Process variables that are set up by the system rather than submitted; left out of "recorded". */
  static final Set<String> SETUP = Set.of(KeyTaskVariables.PLAN_ID, KeyTaskVariables.PLAN_TITLE, KeyTaskVariables.PLAN_TIMEZONE,
      KeyTaskVariables.UNIT_NAMES, KeyTaskVariables.UNIT_ALIASES, KeyTaskVariables.CONTRIBUTOR_UNIT_IDS,
      KeyTaskVariables.TASK_DESCRIPTION, "summaryDate", "progressReportDates", "nrOfInstances", "nrOfActiveInstances",
      "nrOfCompletedInstances", "loopCounter", "overdue", "reportMonth", "reportMonthLabel", "reportDueDate",
      "quarterlyReportDate", "contributorUnit");

  public record Step(String taskId, String name, String definitionKey, String assignee, Instant created, Instant ended,
      Instant due, String outcome, Map<String, Object> submitted) {}

  public record Recorded(String name, Object value, Instant time) {}

  public record Mail(long id, String kind, String recipient, String recipientName, String subject, Instant sentAt) {}

  public record Related(String instanceId, String process, String businessKey, Instant started, Instant ended) {}

  public record Detail(LedgerRow row, List<Step> steps, List<Recorded> recorded, List<Related> related, List<Mail> mails,
      String files) {}

  private final HistoryService historyService;
  private final MailOutbox outbox;

  public LedgerDetail(HistoryService historyService, MailOutbox outbox) {
    this.historyService = historyService;
    this.outbox = outbox;
  }

  public Optional<Detail> of(LedgerRow row) {
    String id = row.instanceId();
    HistoricProcessInstance pi = historyService.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
    if (pi == null) {
      return Optional.empty();
    }
    List<HistoricTaskInstance> tasks = historyService.createHistoricTaskInstanceQuery().processInstanceId(id)
        .orderByHistoricActivityInstanceStartTime().asc().list();
    Map<String, Map<String, Object>> submitted = new LinkedHashMap<>();
    for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery().processInstanceId(id)
        .disableCustomObjectDeserialization().list()) {
      if (v.getTaskId() != null && v.getValue() != null && !"".equals(v.getValue())) {
        submitted.computeIfAbsent(v.getTaskId(), k -> new LinkedHashMap<>()).put(v.getName(), String.valueOf(v.getValue()));
      }
    }
    List<Step> steps = new ArrayList<>();
    for (HistoricTaskInstance t : tasks) {
      steps.add(new Step(t.getId(), t.getName(), t.getTaskDefinitionKey(), t.getAssignee(), instant(t.getStartTime()),
          instant(t.getEndTime()), instant(t.getDueDate()), outcome(t), submitted.getOrDefault(t.getId(), Map.of())));
    }
    List<Recorded> recorded = new ArrayList<>();
    for (HistoricDetail d : historyService.createHistoricDetailQuery().processInstanceId(id).variableUpdates()
        .disableCustomObjectDeserialization().orderByTime().asc().list()) {
      HistoricVariableUpdate u = (HistoricVariableUpdate) d;
      if (u.getTaskId() == null && !SETUP.contains(u.getVariableName()) && u.getValue() != null && !"".equals(u.getValue())) {
        recorded.add(new Recorded(u.getVariableName(), String.valueOf(u.getValue()), instant(u.getTime())));
      }
    }
    List<Related> related = new ArrayList<>();
    Set<String> mailSources = new HashSet<>(Set.of(id));
    List<HistoricProcessInstance> children = new ArrayList<>(historyService.createHistoricProcessInstanceQuery()
        .superProcessInstanceId(id).list());
    if (pi.getBusinessKey() != null) {
      children.addAll(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("escalation")
          .processInstanceBusinessKey(pi.getBusinessKey()).list());
    }
    children.sort(Comparator.comparing(HistoricProcessInstance::getStartTime));
    for (HistoricProcessInstance child : children) {
      related.add(new Related(child.getId(), child.getProcessDefinitionKey(), child.getBusinessKey(), instant(child.getStartTime()),
          instant(child.getEndTime())));
      mailSources.add(child.getId());
    }
    List<Mail> mails = outbox.forProcessInstances(mailSources).stream()
        .map(m -> new Mail(m.id(), m.kind(), m.recipient(), m.recipientName(), m.subject(), m.sentAt())).toList();
    return Optional.of(new Detail(row, steps, recorded, related, mails,
        "任务表单暂不能上传文件：佐证材料以清单及存放位置的形式记录在办结申请等步骤的提交内容中。"));
  }

  private static String outcome(HistoricTaskInstance t) {
    if (t.getEndTime() == null) {
      return "办理中";
    }
    return "completed".equals(t.getDeleteReason()) ? "已办理" : "已结束（" + t.getDeleteReason() + "）";
  }

  private static Instant instant(java.util.Date date) {
    return date == null ? null : date.toInstant();
  }
}
