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
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.campaigndesk.audit.VariableChangeLog;
import org.campaigndesk.dispatch.Dispatch;
import org.campaigndesk.mail.MailOutbox;
import org.campaigndesk.reminder.AccountabilityRecord;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Service;

/**
 * A key task's full history for the ledger's detail view, also once it is closed: every step (who,
 * when, due, outcome, what was submitted on it), every value recorded on the key task with its
 * time, the deadline watches and escalations it started, and every mail sent about it.
 */
@Service
public class LedgerDetail {

  /** Process variables that are set up by the system rather than submitted; left out of "recorded". */
  static final Set<String> SETUP = Set.of(org.campaigndesk.task.KeyTaskRecord.VARIABLE, KeyTaskVariables.PLAN_ID, KeyTaskVariables.PLAN_TITLE, KeyTaskVariables.PLAN_TIMEZONE,
      KeyTaskVariables.UNIT_NAMES, KeyTaskVariables.UNIT_ALIASES, KeyTaskVariables.CONTRIBUTOR_UNIT_IDS,
      KeyTaskVariables.TASK_DESCRIPTION, "summaryDate", "progressReportDates", "nrOfInstances", "nrOfActiveInstances",
      "nrOfCompletedInstances", "loopCounter", "overdue", "reportMonth", "reportMonthLabel", "reportDueDate",
      "quarterlyReportDate", "contributorUnit");

  /** Chinese names of the values recorded on a key task, for the detail view; others keep their variable name. */
  /** The instructions given on a key task, as its history lists them. */
  static final String DISPATCH_INSTRUCTIONS = "dispatchInstructions";

  static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry("signedBy", "签收人"), Map.entry("signedByPhone", "签收人电话"), Map.entry("planSummary", "实施方案概述"),
      Map.entry("subItems", "任务分解"), Map.entry("subItemsText", "任务分解"), Map.entry("requestKind", "办理事项"),
      Map.entry("completionSummary", "办结总结"), Map.entry("evidenceDescription", "佐证材料（清单及存放位置）"),
      Map.entry("completedOn", "实际完成日期"), Map.entry("acceptanceDecision", "验收意见"), Map.entry("returnReason", "退回原因"),
      Map.entry("reworkDescription", "整改情况"), Map.entry("extensionNewDate", "申请延期至"), Map.entry("extensionReason", "延期理由"),
      Map.entry("extensionRequests", "延期申请次数"), Map.entry("extensionApproved", "延期审批结果"),
      Map.entry("extensionDecisionComment", "延期审批意见"), Map.entry("deadline", "完成时限"), Map.entry("deadlineDate", "完成时限（日期）"),
      Map.entry("deadlineText", "完成时限（文字）"), Map.entry("closedOutAt", "销号时间"), Map.entry(DISPATCH_INSTRUCTIONS, "调度意见"),
      Map.entry("interviewRecord", "约谈记录"), Map.entry("accountabilityDecision", "问责决定"),
      Map.entry("accountabilityNote", "问责说明"), Map.entry("carriedOver", "结转下年度"), Map.entry("progressThisMonth", "本月进展"),
      Map.entry("problems", "存在问题"), Map.entry("nextMonthPlan", "下月计划"), Map.entry("percentComplete", "总体完成（%）"),
      Map.entry("contributionReport", "落实情况"), Map.entry("contributionDate", "完成日期"), Map.entry("halfYearSummary", "半年总结"),
      Map.entry("quarterlyReport", "季度进展报告"), Map.entry("contributorUnitName", "责任单位"),
      Map.entry("mySubItems", "分解任务"), Map.entry("acceptanceRemarks", "验收意见（附）"),
      Map.entry("reportMonth", "报告月份"));
  static final Map<String, String> PROCESSES = Map.of("deadline-watch", "期限监督", "escalation", "约谈问责");
  static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
      .withZone(org.campaigndesk.kernel.Zones.DEFAULT);

  public record Step(String taskId, String name, String definitionKey, String assignee, Instant created, Instant ended,
      Instant due, String outcome, Map<String, Object> submitted, List<EvidenceFile> files) {}

  /** A file submitted on a step (佐证材料); {@code url} opens it for those who may (see KeyTaskDossier). */
  public record EvidenceFile(String variableId, String name, String mimeType, String url) {}

  /** A value recorded on the key task: its label, value and time, and the variable it was recorded in. */
  public record Recorded(String name, Object value, Instant time, String variable) {}

  public record Mail(long id, String kind, String recipient, String recipientName, String subject, Instant sentAt) {}

  public record Related(String instanceId, String process, String businessKey, Instant started, Instant ended) {}

  public record Detail(LedgerRow row, List<Step> steps, List<Recorded> recorded, List<Related> related, List<Mail> mails,
      String files) {}

  private final HistoryService historyService;
  private final MailOutbox outbox;
  private final VariableChangeLog changes;
  private final Dispatch dispatch;
  private final ShownValues shown;

  public LedgerDetail(HistoryService historyService, MailOutbox outbox, VariableChangeLog changes, Dispatch dispatch,
      ShownValues shown) {
    this.historyService = historyService;
    this.outbox = outbox;
    this.changes = changes;
    this.dispatch = dispatch;
    this.shown = shown;
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
    Map<String, List<EvidenceFile>> files = new LinkedHashMap<>();
    for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery().processInstanceId(id)
        .disableCustomObjectDeserialization().disableBinaryFetching().orderByVariableName().asc().list()) {
      if (v.getTaskId() != null && v.getTypedValue() instanceof FileValue file && file.getFilename() != null) {
        files.computeIfAbsent(v.getTaskId(), k -> new ArrayList<>()).add(new EvidenceFile(v.getId(), file.getFilename(),
            file.getMimeType(), fileUrl(id, v.getId())));
      } else if (v.getTaskId() != null && v.getValue() != null && !"".equals(v.getValue())) {
        submitted.computeIfAbsent(v.getTaskId(), k -> new LinkedHashMap<>()).put(LABELS.getOrDefault(v.getName(), v.getName()),
            text(v.getName(), v.getValue()));
      }
    }
    List<Step> steps = new ArrayList<>();
    for (HistoricTaskInstance t : tasks) {
      steps.add(new Step(t.getId(), t.getName(), t.getTaskDefinitionKey(), t.getAssignee(), instant(t.getStartTime()),
          instant(t.getEndTime()), instant(t.getDueDate()), outcome(t), submitted.getOrDefault(t.getId(), Map.of()),
          files.getOrDefault(t.getId(), List.of())));
    }
    List<Recorded> recorded = new ArrayList<>();
    // Values set on the key task itself after its start (the task audit keeps them; history level audit does not).
    for (VariableChangeLog.Change u : changes.of(id)) {
      // What the key task was assigned with is in the row itself; from then on, every value set or changed.
      boolean assigned = u.revision() == 0 && !u.time().after(pi.getStartTime());
      if (!assigned && !SETUP.contains(u.name()) && u.value() != null && !"".equals(u.value())) {
        recorded.add(new Recorded(LABELS.getOrDefault(u.name(), u.name()), text(u.name(), u.value()), instant(u.time()), u.name()));
      }
    }
    // The leaders' instructions are kept by the dispatches that gave them (the key task kept them itself before).
    for (Dispatch.Given given : dispatch.given(row.planId(), row.taskNo())) {
      recorded.add(new Recorded(LABELS.get(DISPATCH_INSTRUCTIONS), given.line(), given.at(), DISPATCH_INSTRUCTIONS));
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
      related.add(new Related(child.getId(), PROCESSES.getOrDefault(child.getProcessDefinitionKey(), child.getProcessDefinitionKey()),
          child.getBusinessKey(), instant(child.getStartTime()),
          instant(child.getEndTime())));
      mailSources.add(child.getId());
    }
    recorded.addAll(accountability(children));
    recorded.sort(Comparator.comparing(Recorded::time, Comparator.nullsFirst(Comparator.naturalOrder())));
    List<Mail> mails = outbox.forProcessInstances(mailSources).stream()
        .map(m -> new Mail(m.id(), m.kind(), m.recipient(), m.recipientName(), m.subject(), m.sentAt())).toList();
    return Optional.of(new Detail(row, steps, recorded, related, mails,
        "佐证材料（图片、PDF、Word、Excel）随落实情况、月度报告、办结申请和整改提交，列在提交它的步骤下；"
            + "协调人、牵头责任领导、牵头单位和提交单位可以打开。"));
  }

  /**
   * The interview record and accountability decision of each escalation, listed as the key task
   * listed them when escalations wrote them into it (main before; those stay in its own history).
   */
  private List<Recorded> accountability(List<HistoricProcessInstance> children) {
    String[] escalations = children.stream().filter(c -> "escalation".equals(c.getProcessDefinitionKey()))
        .map(HistoricProcessInstance::getId).toArray(String[]::new);
    if (escalations.length == 0) {
      return List.of();
    }
    List<Recorded> recorded = new ArrayList<>();
    for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery().processInstanceIdIn(escalations)
        .variableName(AccountabilityRecord.VARIABLE).list()) {
      if (v.getValue() == null) {
        continue;
      }
      AccountabilityRecord record = AccountabilityRecord.read(v.getValue());
      Instant at = instant(v.getCreateTime());
      String decision = shown.shown("accountabilityDecision", record.decision());
      recorded.add(new Recorded(LABELS.get("interviewRecord"), record.line(decision), at, "interviewRecord"));
      recorded.add(new Recorded(LABELS.get("accountabilityDecision"), decision, at, "accountabilityDecision"));
      if (record.note() != null && !record.note().isBlank()) {
        recorded.add(new Recorded(LABELS.get("accountabilityNote"), record.note(), at, "accountabilityNote"));
      }
    }
    return recorded;
  }

  /** Where a file submitted on this key task is opened (the ledger's API, the web apps' login). */
  public static String fileUrl(String instanceId, String variableId) {
    return "/api/ledger/" + instanceId + "/files/" + variableId;
  }

  /** A recorded value as the ledger shows it: a time in the office's zone, a choice by its label. */
  private String text(String variable, Object value) {
    return value instanceof java.util.Date date ? TIME.format(date.toInstant()) : shown.shown(variable, value);
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
