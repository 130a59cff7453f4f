package org.campaigndesk.dispatch;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.spin.json.SpinJsonNode;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.kernel.CurrentUser;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.kernel.Zones;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.Notifier;
import org.campaigndesk.mail.Recipient;
import org.campaigndesk.mail.Recipients;
import org.campaigndesk.mail.TaskLinks;
import org.campaigndesk.plan.ChineseDates;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.task.KeyTaskRecord;
import org.campaigndesk.task.KeyTaskStarter;
import org.campaigndesk.task.TaskVariables;
import org.springframework.stereotype.Component;

/**
 * A leader's instruction (调度意见) stays with the dispatch that gave it (the key task's history reads
 * it there, {@link Dispatch#given}) and reaches the lead unit with its follow-up task: the
 * mail is decided when that task is created ({@link #mailFollowUp}) so it links to the task itself.
 * When the unit answers, the leader is told ({@link #answered}).
 */
@Component("sendInstruction")
public class SendInstruction implements JavaDelegate {

  private final Dispatch dispatch;
  private final Notifier notifier;
  private final Recipients recipients;
  private final RuntimeService runtimeService;
  private final TaskLinks links;
  private final IdentityService identityService;

  public SendInstruction(Dispatch dispatch, Notifier notifier, Recipients recipients, RuntimeService runtimeService,
      TaskLinks links, IdentityService identityService) {
    this.dispatch = dispatch;
    this.notifier = notifier;
    this.recipients = recipients;
    this.runtimeService = runtimeService;
    this.links = links;
    this.identityService = identityService;
  }

  /**
   * The follow-up shows the key task's deadline as the key task has it now; the instruction itself
   * stays with this dispatch, where the key task's history reads it ({@link Dispatch#given}).
   */
  @Override
  public void execute(DelegateExecution execution) {
    SpinJsonNode instruction = (SpinJsonNode) execution.getVariable(Dispatch.INSTRUCTION);
    PlanFacts.KeyTask keyTask = dispatch.keyTaskOf(execution, instruction);
    String planId = (String) execution.getVariable(KeyTaskVariables.PLAN_ID);
    ProcessInstance keyTaskInstance = runtimeService.createProcessInstanceQuery().processDefinitionKey(KeyTaskVariables.PROCESS_KEY)
        .processInstanceBusinessKey(KeyTaskStarter.businessKey(planId, keyTask.no())).singleResult();
    Object deadlineText = keyTaskInstance == null ? null
        : KeyTaskRecord.facts(runtimeService.getVariables(keyTaskInstance.getId(), KeyTaskRecord.FACT_NAMES)).get(KeyTaskVariables.DEADLINE_TEXT);
    execution.setVariableLocal(KeyTaskVariables.DEADLINE_TEXT, Notifier.shown(deadlineText));
  }

  /** Create listener of the follow-up task: the lead unit's mail, with a link to this task. */
  public void mailFollowUp(DelegateTask task) {
    DelegateExecution execution = task.getExecution();
    SpinJsonNode instruction = (SpinJsonNode) execution.getVariable(Dispatch.INSTRUCTION);
    PlanFacts.KeyTask keyTask = dispatch.keyTaskOf(execution, instruction);
    String label = keyTask.label();
    Object deadlineText = execution.getVariable(KeyTaskVariables.DEADLINE_TEXT);
    Recipient to = recipients.unitContact(dispatch.leadUnitOf(execution, instruction));
    notifier.notice(MailKind.DISPATCH_INSTRUCTION, task)
        .put("leaderName", String.valueOf(execution.getVariable("leaderName")))
        .put("monthLabel", String.valueOf(execution.getVariable("dispatchMonthLabel")))
        .put(KeyTaskVariables.TASK_LABEL, label)
        .put("instructionText", dispatch.textOf(instruction))
        .put(KeyTaskVariables.DEADLINE_TEXT, Notifier.shown(deadlineText))
        .put("link", links.toTask(task.getId()))
        .put(KeyTaskVariables.PLAN_TITLE, String.valueOf(execution.getVariable(KeyTaskVariables.PLAN_TITLE)))
        .send(to, execution.getProcessInstanceId() + "/" + execution.getVariable(Dispatch.LEADER_ID) + "/" + keyTask.no() + "/"
            + Integer.toHexString(instruction.toString().hashCode()));
  }

  /** Complete listener of the follow-up task: the leader who gave the instruction hears that the unit answered, and how. */
  public void answered(DelegateTask task) {
    DelegateExecution execution = task.getExecution();
    SpinJsonNode instruction = (SpinJsonNode) execution.getVariable(Dispatch.INSTRUCTION);
    PlanFacts.KeyTask keyTask = dispatch.keyTaskOf(execution, instruction);
    String leaderId = (String) execution.getVariable(Dispatch.LEADER_ID);
    String unitId = dispatch.leadUnitOf(execution, instruction);
    Recipient to = recipients.user(leaderId);
    Object feedback = TaskVariables.submitted(task, "instructionFeedback");
    String user = CurrentUser.of(identityService);
    Recipient unit = recipients.unitContact(unitId);
    notifier.notice(MailKind.INSTRUCTION_ANSWERED, task)
        .put("monthLabel", String.valueOf(execution.getVariable("dispatchMonthLabel")))
        .put(KeyTaskVariables.TASK_LABEL, keyTask.label())
        .put("unitName", unit.name() + (user == null || user.equals(unitId) ? "" : "（" + recipients.user(user).name() + "）"))
        .put("answeredAtText", ChineseDates.format(Clocks.today(Zones.orDefault(execution.getVariable(KeyTaskVariables.PLAN_TIMEZONE)))))
        .put("instructionText", dispatch.textOf(instruction))
        .put("feedbackText", feedback == null || feedback.toString().isBlank() ? "（未填写）" : feedback.toString())
        .put("link", links.toTask(task.getId()))
        .put(KeyTaskVariables.PLAN_TITLE, String.valueOf(execution.getVariable(KeyTaskVariables.PLAN_TITLE)))
        .send(to, task.getProcessInstanceId() + "/answered/" + task.getId() + "/" + leaderId);
  }
}
