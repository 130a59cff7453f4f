package org.campaigndesk.handover;

import org.campaigndesk.kernel.RecordedFacts;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.campaigndesk.kernel.Decisions;
import org.campaigndesk.kernel.Zones;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.Notifier;
import org.campaigndesk.mail.Recipient;
import org.campaigndesk.mail.Recipients;
import org.campaigndesk.mail.TaskLinks;
import org.campaigndesk.plan.ChineseDates;
import org.springframework.stereotype.Component;

/**
 * Create listener of the steps that hand work to a unit (a contribution task, a rectification, a
 * returned rectification, a key task returned for rework, a dispatch instruction's follow-up): the
 * unit's contact gets a mail with a link to this very task ({@link TaskLinks}). The mail is recorded
 * as pending in the transaction that creates the task and sent by its own delivery job, so a task
 * that is rolled back mails nobody, and a retried creation mails once (one key per task and person).
 */
@Component("handOverMails")
public class HandOverMails implements TaskListener {

  /** What the mail says, by step; the task's variable {@code handOverNote} adds a line of its own. */
  static final Map<String, String[]> KINDS = Map.of(
      "Task_Contribution", new String[] {"配合任务", "牵头责任单位已制定实施方案，以下配合任务交由您单位落实，请在任务列表中办理并反馈落实情况。"},
      "Task_Rectify", new String[] {"整改任务", "督查发现的问题交由您单位整改，请在整改期限前办理并提交整改情况。"},
      "Task_Rework", new String[] {"验收退回", "您单位申请办结的重点工作验收未通过，已退回整改，请整改后重新申请办结。"},
      "Task_FollowInstruction", new String[] {"调度意见", "牵头责任领导的调度意见交由您单位落实，请在任务列表中反馈落实情况。"});

  private final Notifier notifier;
  private final Recipients recipients;
  private final TaskLinks links;

  public HandOverMails(Notifier notifier, Recipients recipients, TaskLinks links) {
    this.notifier = notifier;
    this.recipients = recipients;
    this.links = links;
  }

  @Override
  public void notify(DelegateTask task) {
    String[] kind = KINDS.getOrDefault(task.getTaskDefinitionKey(), new String[] {"待办任务", "有一项任务交由您单位办理。"});
    String title = kind[0];
    String text = kind[1];
    if (returnedRectification(task)) {
      title = "整改退回";
      text = "您单位提交的整改经核查未通过，已退回重新整改，请整改后再次提交。";
    }
    Object planTitle = RecordedFacts.fact(task::getVariable, "planTitle");
    notifier.notice(MailKind.HAND_OVER, task)
        .put("handOverTitle", title)
        .put("handOverText", text)
        .put("taskName", task.getName())
        .put("dueDateText", task.getDueDate() == null ? "无" : ChineseDates.format(LocalDate.ofInstant(task.getDueDate().toInstant(), zone(task))))
        .put("noteText", noteOf(task))
        .put("link", links.toTask(task.getId()))
        .put("planTitle", planTitle == null ? "" : planTitle.toString())
        .send(receivers(task), to -> task.getProcessInstanceId() + "/hand-over/" + task.getId() + "/" + to.userId());
  }

  /** The unit contacts of the task's candidate groups, and its assignee if it has one. */
  List<Recipient> receivers(DelegateTask task) {
    List<Recipient> units = task.getCandidates().stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).distinct().map(recipients::unitContact).toList();
    List<Recipient> assignee = task.getAssignee() == null ? List.of() : List.of(recipients.user(task.getAssignee()));
    return Recipients.distinct(units, assignee);
  }

  private static String noteOf(DelegateTask task) {
    Object note = task.getVariable("handOverNote");
    if (note != null && !note.toString().isBlank()) {
      return note.toString();
    }
    Object mine = task.getVariableLocal("mySubItems");
    if (mine != null && !mine.toString().isBlank()) {
      return "本单位任务：\n" + mine;
    }
    Object reason = "Task_Rework".equals(task.getTaskDefinitionKey()) ? task.getVariable("returnReason")
        : returnedRectification(task) ? task.getVariable("verifyComment") : null;
    Object problem = "Task_Rectify".equals(task.getTaskDefinitionKey()) ? task.getVariable("problem") : null;
    String text = problem != null && !problem.toString().isBlank() ? "问题：" + problem : "";
    if (reason != null && !reason.toString().isBlank()) {
      text = (text.isEmpty() ? "" : text + "\n") + "退回原因：" + reason;
    }
    return text;
  }

  /** The inspection team sent the rectification back: the rectify step opens again after a return. */
  private static boolean returnedRectification(DelegateTask task) {
    return "Task_Rectify".equals(task.getTaskDefinitionKey()) && Decisions.RETURN.equals(task.getVariable("verifyDecision"));
  }

  private static java.time.ZoneId zone(VariableScope scope) {
    return Zones.orDefault(RecordedFacts.fact(scope::getVariable, "planTimezone"));
  }
}
