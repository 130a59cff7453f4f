package org.campaigndesk.task;

import static org.campaigndesk.kernel.KeyTaskVariables.*;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.campaigndesk.kernel.Json;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.Notifier;
import org.campaigndesk.mail.Recipients;
import org.campaigndesk.mail.TaskLinks;
import org.springframework.stereotype.Component;

/**
 * 知会: the responsible units the implementation plan gives no work are told about the plan by mail,
 * without a task; who was informed is kept on the key task ({@link Contributions#INFORMED_UNIT_IDS}).
 */
@Component("informUnits")
public class InformUnits implements JavaDelegate {

  private final Contributors contributors;
  private final Notifier notifier;
  private final Recipients recipients;
  private final TaskLinks links;

  public InformUnits(Contributors contributors, Notifier notifier, Recipients recipients, TaskLinks links) {
    this.contributors = contributors;
    this.notifier = notifier;
    this.recipients = recipients;
    this.links = links;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<String> informed = contributors.informed(execution);
    Map<String, String> names = unitNames(execution);
    List<String> contributorNames = contributors.of(execution).stream().map(u -> names.getOrDefault(u, u)).toList();
    DelegateExecution instance = execution.getProcessInstance();
    // A list as typed JSON, not comma-separated text.
    instance.setVariableLocal(Contributions.INFORMED_UNIT_IDS, Json.variable(informed));
    instance.setVariableLocal(Contributions.INFORMED_UNIT_NAMES, String.join("、", informed.stream().map(u -> names.getOrDefault(u, u)).toList()));
    Notifier.Notice notice = notifier.notice(MailKind.INFORMED, execution)
        .variables(execution, TASK_LABEL, LEAD_UNIT_NAME, DEADLINE_TEXT, PLAN_TITLE, LEAD_LEADER_NAMES)
        .put("contributorNames", contributorNames.isEmpty() ? "（无，由牵头单位自行落实）" : String.join("、", contributorNames))
        .put("link", links.ledger());
    for (String unit : informed) {
      // One per implementation plan: the activity instance differs when a later plan (a new escalation) informs again.
      notice.send(recipients.unitContact(unit),
          execution.getProcessInstanceId() + "/informed/" + execution.getActivityInstanceId() + "/" + unit);
    }
  }

  private static Map<String, String> unitNames(VariableScope scope) {
    return KeyTaskRecord.of(scope).unitNames();
  }
}
